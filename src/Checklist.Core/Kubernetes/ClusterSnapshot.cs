namespace Checklist.Core.Kubernetes;

public enum SnapshotOrigin { Manifests, Cluster }

/// <summary>
/// Everything one verification read, taken once (one LIST per kind, or one pass over the manifests).
/// Every probe reads the same snapshot and never calls the API, so the same probes run on manifests and
/// on a live cluster.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<string, List<KubeObject>> _byKind;

    public ClusterSnapshot(
        SnapshotOrigin origin,
        string source,
        string? targetNamespace,
        IEnumerable<KubeObject> objects,
        DateTimeOffset takenAt,
        IReadOnlySet<string>? servedGroups = null,
        IReadOnlyDictionary<string, string>? kindErrors = null,
        string? serverVersion = null)
    {
        Origin = origin;
        Source = source;
        TargetNamespace = targetNamespace;
        Objects = objects.ToList();
        TakenAt = takenAt;
        ServedGroups = servedGroups;
        KindErrors = kindErrors ?? new Dictionary<string, string>();
        ServerVersion = serverVersion;
        _byKind = Objects.GroupBy(o => o.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public SnapshotOrigin Origin { get; }
    /// <summary>The API server address, or the manifest paths that were read.</summary>
    public string Source { get; }
    public string? TargetNamespace { get; }
    public IReadOnlyList<KubeObject> Objects { get; }
    public DateTimeOffset TakenAt { get; }
    /// <summary>API groups the cluster serves (discovery); null when unknown, as for manifests.</summary>
    public IReadOnlySet<string>? ServedGroups { get; }
    /// <summary>Kinds that could not be read, with the reason (403 with the missing permission, timeout, ...).</summary>
    public IReadOnlyDictionary<string, string> KindErrors { get; }
    public string? ServerVersion { get; }

    public IReadOnlyList<KubeObject> OfKind(string kind) =>
        _byKind.TryGetValue(kind, out var list) ? list : [];

    /// <summary>True when the group is served, or when that cannot be known (manifests).</summary>
    public bool MayServe(string group) => ServedGroups is null || ServedGroups.Contains(group);
}
