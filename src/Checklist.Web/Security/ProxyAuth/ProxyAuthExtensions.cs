namespace Checklist.Web.Security.ProxyAuth;

public static class ProxyAuthExtensions
{
    /// <summary>Reads and checks <c>Checklist:ProxyAuth</c>; a bad setting stops start-up with a message naming it.</summary>
    public static WebApplicationBuilder AddProxyAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ProxyAuthOptions.Section).Get<ProxyAuthOptions>() ?? new ProxyAuthOptions();
        var problems = options.Validate();
        if (problems.Count > 0) throw new Operations.StartupException(string.Join(" ", problems));
        if (!options.Enabled) return builder;
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TrustedProxyList.Parse(options.TrustedProxies));
        builder.Services.AddScoped<ProxySignIn>();
        return builder;
    }

    /// <summary>After authentication (a valid cookie is seen first) and before authorization (which needs the user).</summary>
    public static WebApplication UseProxyAuth(this WebApplication app)
    {
        if (app.Services.GetService<ProxyAuthOptions>() is { Enabled: true })
            app.UseMiddleware<ProxyAuthMiddleware>();
        return app;
    }
}
