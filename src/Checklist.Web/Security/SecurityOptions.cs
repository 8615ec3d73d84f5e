namespace Checklist.Web.Security;

/// <summary>Bound from <c>Checklist:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Checklist:Security";

    public int LockoutMaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int ApiTokenLifetimeHours { get; set; } = 12;
    /// <summary>Lifetime of the token given by CHECKLIST_ADMIN_TOKEN, meant for automation.</summary>
    public int BootstrapTokenLifetimeDays { get; set; } = 365;
    /// <summary>
    /// Mark cookies Secure even when the request reached the app over plain HTTP: behind a proxy or Ingress that
    /// terminates TLS the app sees http, yet every browser request was https.
    /// </summary>
    public bool SecureCookies { get; set; }
}
