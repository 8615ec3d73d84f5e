namespace Checklist.Web.Security;

/// <summary>
/// One key of ASP.NET Core Data Protection's key ring, as the XML the framework writes. Kept in the app's own
/// database so that every replica reads the same ring: a sign-in cookie, an antiforgery token or a cluster
/// credential protected on one replica is readable on all of them, and after a restart.
/// </summary>
public sealed class DataProtectionKey
{
    private DataProtectionKey() { }

    public DataProtectionKey(string friendlyName, string xml, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        Id = Guid.NewGuid();
        FriendlyName = friendlyName;
        Xml = xml;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string FriendlyName { get; private set; } = "";
    public string Xml { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}
