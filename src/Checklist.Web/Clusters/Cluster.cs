namespace Checklist.Web.Clusters;

public enum ClusterCredentialKind { Server, Kubeconfig }

/// <summary>
/// A Kubernetes cluster registered by an admin, that runs verify against. Registered either by address
/// (server, CA, token) or by a kubeconfig with a context. The token and the kubeconfig are stored only as
/// Data Protection ciphertext (<see cref="ClusterSecrets"/>) and are never shown again; the CA certificate is
/// public and kept as given.
/// </summary>
public sealed class Cluster
{
    public const int MaxNameLength = 100;

    private Cluster() { }

    private Cluster(string name, string server, ClusterCredentialKind kind, DateTimeOffset createdAt, string createdById, string createdByName)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A cluster needs a name.", nameof(name));
        if (name.Trim().Length > MaxNameLength) throw new ArgumentException($"A cluster name is at most {MaxNameLength} characters.", nameof(name));
        Id = Guid.NewGuid();
        Name = name.Trim();
        Server = server;
        Kind = kind;
        CreatedAt = createdAt;
        CreatedById = createdById;
        CreatedByName = createdByName;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The API server address; for a kubeconfig, the server of its chosen context, for display and messages.</summary>
    public string Server { get; private set; } = "";
    public ClusterCredentialKind Kind { get; private set; }
    /// <summary>PEM or base64 of PEM, as registered.</summary>
    public string? CaData { get; private set; }
    public bool InsecureSkipTlsVerify { get; private set; }
    public string? ProtectedToken { get; private set; }
    public string? ProtectedKubeconfig { get; private set; }
    public string? Context { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";

    public bool HasToken => ProtectedToken is not null;

    public static Cluster ByServer(string name, string server, string? caData, string? protectedToken, bool insecureSkipTlsVerify,
        DateTimeOffset createdAt, string createdById, string createdByName) =>
        new(name, server, ClusterCredentialKind.Server, createdAt, createdById, createdByName)
        {
            CaData = string.IsNullOrWhiteSpace(caData) ? null : caData.Trim(),
            ProtectedToken = protectedToken,
            InsecureSkipTlsVerify = insecureSkipTlsVerify,
        };

    public static Cluster ByKubeconfig(string name, string server, string protectedKubeconfig, string? context, bool insecureSkipTlsVerify,
        DateTimeOffset createdAt, string createdById, string createdByName) =>
        new(name, server, ClusterCredentialKind.Kubeconfig, createdAt, createdById, createdByName)
        {
            ProtectedKubeconfig = protectedKubeconfig,
            Context = string.IsNullOrWhiteSpace(context) ? null : context.Trim(),
            InsecureSkipTlsVerify = insecureSkipTlsVerify,
        };

    /// <summary>What the audit log and the list show: everything but the secrets.</summary>
    public object Describe() => new
    {
        Name,
        Server,
        kind = Kind == ClusterCredentialKind.Server ? "server" : "kubeconfig",
        Context,
        hasCaData = CaData is not null,
        hasToken = HasToken,
        InsecureSkipTlsVerify,
    };
}
