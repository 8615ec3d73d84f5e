namespace Checklist.Web.Security.ProxyAuth;

public static class ProxyAuthExtensions
{
    /// <summary>Reads and checks <c>Checklist:ProxyAuth</c>; a bad setting stops start-up with a message naming it.</summary>
    public static WebApplicationBuilder AddProxyAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ProxyAuthOptions.Section).Get<ProxyAuthOptions>() ?? new ProxyAuthOptions();
        var problems = options.Validate().ToList();
        // The trust check reads the connection's remote address. Forwarded-headers processing switched on by this
        // setting trusts X-Forwarded-For from every network and rewrites that address from it, so a client that
        // reaches the app directly could claim to be the proxy.
        if (options.Enabled && (IsTrue(builder.Configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]) || IsTrue(builder.Configuration["FORWARDEDHEADERS_ENABLED"])))
            problems.Add("Checklist:ProxyAuth:Enabled cannot be combined with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, which lets any client set the address the trusted-proxy check reads: turn one of them off.");
        if (problems.Count > 0) throw new Operations.StartupException(string.Join(" ", problems));
        if (!options.Enabled) return builder;
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TrustedProxyList.Parse(options.TrustedProxies));
        builder.Services.AddScoped<ProxySignIn>();
        return builder;
    }

    private static bool IsTrue(string? value) => bool.TryParse(value, out var on) && on;

    /// <summary>After authentication (a valid cookie is seen first) and before authorization (which needs the user).</summary>
    public static WebApplication UseProxyAuth(this WebApplication app)
    {
        if (app.Services.GetService<ProxyAuthOptions>() is { Enabled: true })
            app.UseMiddleware<ProxyAuthMiddleware>();
        return app;
    }
}
