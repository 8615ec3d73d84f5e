using Checklist.Core.Kubernetes.Client;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Clusters;

/// <summary>What an admin gives to register a cluster: by address, or by kubeconfig (and context).</summary>
public sealed record ClusterRegistration(
    string? Name, string? Server, string? CaData, string? Token, bool InsecureSkipTlsVerify, string? Kubeconfig, string? Context);

/// <summary>A registered cluster as lists show it; never its secrets.</summary>
public sealed record ClusterSummary(
    Guid Id, string Name, string Server, string Kind, string? Context, bool HasCaData, bool HasToken, bool InsecureSkipTlsVerify,
    DateTimeOffset CreatedAt, string CreatedByName);

/// <summary>The answer of a connection test: the server's version, or why it could not be read.</summary>
public sealed record ConnectionTestResult(bool Ok, string? ServerVersion, string Message);

/// <summary>The admin's actions on clusters, shared by the admin page and the API so both apply the same rules.</summary>
public sealed class ClusterService(ChecklistDbContext db, ClusterSecrets secrets, AuditLog audit, TimeProvider time, KubeClientOptions kubeOptions)
{
    public const string Rule = "Cluster";

    /// <summary>Validates the registration by building its connection (nothing is contacted), then stores it.</summary>
    /// <exception cref="RuleViolationException">Invalid input (400) or a name already taken (409).</exception>
    public async Task<Cluster> RegisterAsync(ClusterRegistration registration, CancellationToken ct)
    {
        var name = registration.Name?.Trim();
        if (string.IsNullOrEmpty(name)) throw Invalid("a cluster needs a name");
        if (name.Length > Cluster.MaxNameLength) throw Invalid($"a cluster name is at most {Cluster.MaxNameLength} characters");
        var byKubeconfig = !string.IsNullOrWhiteSpace(registration.Kubeconfig);
        var byServer = !string.IsNullOrWhiteSpace(registration.Server);
        if (byKubeconfig == byServer)
            throw Invalid(byServer
                ? "give either a server (with caData and token) or a kubeconfig (with context), not both"
                : "give a server address (https://...) with caData and token, or a kubeconfig with its context");
        if (byKubeconfig && (!string.IsNullOrWhiteSpace(registration.Token) || !string.IsNullOrWhiteSpace(registration.CaData)))
            throw Invalid("with a kubeconfig, the token and CA come from the kubeconfig: leave token and caData empty");

        var lowered = name.ToLowerInvariant();
        if (await db.Clusters.AnyAsync(c => c.Name.ToLower() == lowered, ct))
            throw new RuleViolationException(Rule, RuleViolationKind.Conflict, $"a cluster named \"{name}\" is already registered; choose another name or delete it first");

        var actor = audit.CurrentActor();
        var now = time.GetUtcNow();
        Cluster cluster;
        if (byKubeconfig)
        {
            var yaml = registration.Kubeconfig!;
            var connection = Validate(() =>
            {
                KubeconfigSafety.RequireInlineCredentials(yaml, "kubeconfig");
                return KubeConnection.FromKubeconfigYaml(yaml, registration.Context, "kubeconfig");
            });
            cluster = Cluster.ByKubeconfig(name, connection.Server.ToString(), secrets.Protect(yaml), connection.Name,
                connection.InsecureSkipTlsVerify, now, actor.Id, actor.Name);
        }
        else
        {
            var connection = Validate(() => KubeConnection.FromServer(name, registration.Server!, registration.CaData, registration.Token, registration.InsecureSkipTlsVerify));
            cluster = Cluster.ByServer(name, connection.Server.ToString(), registration.CaData,
                connection.BearerToken is null ? null : secrets.Protect(connection.BearerToken), connection.InsecureSkipTlsVerify, now, actor.Id, actor.Name);
        }

        db.Clusters.Add(cluster);
        audit.Record("cluster.registered", "Cluster", cluster.Id.ToString(), after: cluster.Describe());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.DiscardQueuedAudit();
            db.Entry(cluster).State = EntityState.Detached;
            // Another admin registered the same name between the check above and this save.
            if (await db.Clusters.AsNoTracking().AnyAsync(c => c.Name == cluster.Name, ct))
                throw new RuleViolationException(Rule, RuleViolationKind.Conflict, $"a cluster named \"{name}\" is already registered; choose another name or delete it first");
            throw;
        }
        return cluster;
    }

    public Task<List<ClusterSummary>> ListAsync(CancellationToken ct) =>
        db.Clusters.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new ClusterSummary(c.Id, c.Name, c.Server, c.Kind == ClusterCredentialKind.Server ? "server" : "kubeconfig", c.Context,
                c.CaData != null, c.ProtectedToken != null, c.InsecureSkipTlsVerify, c.CreatedAt, c.CreatedByName))
            .ToListAsync(ct);

    /// <summary>Reads <c>/version</c> with the stored credentials: the cheapest request that proves address, TLS and token.</summary>
    public async Task<ConnectionTestResult> TestAsync(Guid id, CancellationToken ct)
    {
        var cluster = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound(id);
        try
        {
            using var client = new KubeApiClient(secrets.Connect(cluster), kubeOptions, time);
            var version = await client.GetServerVersionAsync(ct);
            return new ConnectionTestResult(true, version, $"Connected to {cluster.Server}: Kubernetes {version ?? "(version not reported)"}.");
        }
        catch (Exception e) when (e is KubeApiException or KubeconfigException)
        {
            return new ConnectionTestResult(false, null, e.Message);
        }
    }

    /// <exception cref="RuleViolationException">No such cluster (404), or runs that are not finished still verify against it (409).</exception>
    public async Task<Cluster> DeleteAsync(Guid id, CancellationToken ct)
    {
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound(id);
        var users = await db.Runs.AsNoTracking()
            .Where(r => r.Target.ClusterId == id && r.State != RunState.Completed && r.State != RunState.Cancelled)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Service, r.ReleaseVersion, r.Environment })
            .ToListAsync(ct);
        if (users.Count > 0)
            throw new RuleViolationException(Rule, RuleViolationKind.Conflict,
                $"cluster \"{cluster.Name}\" is the target of {users.Count} run(s) that are not finished " +
                $"({string.Join(", ", users.Take(5).Select(u => $"{u.Service} {u.ReleaseVersion} in {u.Environment}"))}{(users.Count > 5 ? ", ..." : "")}); " +
                "complete or cancel them first");
        db.Clusters.Remove(cluster);
        audit.Record("cluster.deleted", "Cluster", cluster.Id.ToString(), before: cluster.Describe());
        await db.SaveChangesAsync(ct);
        return cluster;
    }

    private KubeConnection Validate(Func<KubeConnection> build)
    {
        try
        {
            var connection = build();
            // Constructing a client parses the CA and client certificate, so a malformed one is refused now.
            using var _ = new KubeApiClient(connection, kubeOptions, time);
            return connection;
        }
        catch (Exception e) when (e is KubeconfigException or KubeApiException)
        {
            throw Invalid(e.Message);
        }
    }

    private static RuleViolationException Invalid(string detail) => new(Rule, RuleViolationKind.Invalid, detail);

    private static RuleViolationException NotFound(Guid id) =>
        new(Rule, RuleViolationKind.NotFound, $"no cluster has the id {id}; GET /api/v1/clusters lists them");
}
