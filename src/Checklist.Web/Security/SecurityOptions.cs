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
    /// The app is reached only through a proxy or Ingress that terminates TLS: the app sees plain http, yet every
    /// browser request was https. Requests are then treated as https, so cookies are marked Secure and redirects
    /// stay on https. Deliberately not taken from X-Forwarded-Proto, which any client could send.
    /// </summary>
    public bool TlsTerminatedByProxy { get; set; }
}
