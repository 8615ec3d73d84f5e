using Checklist.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Checklist.Web.Security;

public static class SecurityExtensions
{
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services
            .AddIdentity<AppUser, IdentityRole>(o =>
            {
                // Length over composition rules, as current password guidance recommends.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.LockoutMaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" means active: see ActiveUserConfirmation
            })
            .AddEntityFrameworkStores<ChecklistDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<IUserConfirmation<AppUser>, ActiveUserConfirmation>();
        // A deactivated user's or a changed password's cookie stops working within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "checklist.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // https behind a TLS proxy: see UseTlsTerminatedByProxy
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddScoped<ApiTokenService>();

        builder.Services.AddAuthorizationBuilder()
            // Anything mapped without its own decision still needs a signed-in user; the route-and-role test
            // makes every route state its decision explicitly on top of this.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicies();

        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "checklist.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        builder.Services.AddScoped<AdminBootstrapper>();
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }

    /// <summary>Behind a TLS-terminating proxy (setting TlsTerminatedByProxy), every request counts as https.</summary>
    public static WebApplication UseTlsTerminatedByProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SecurityOptions>().TlsTerminatedByProxy)
            app.Use((context, next) =>
            {
                context.Request.Scheme = "https";
                return next(context);
            });
        return app;
    }

    private static AuthorizationBuilder AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in AuthorizationPolicies.RolesByPolicy)
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }
}
