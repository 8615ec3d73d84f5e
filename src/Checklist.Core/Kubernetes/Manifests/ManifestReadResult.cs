using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>The objects read from a manifest bundle and every problem found on the way (all of them, not the first).</summary>
public sealed class ManifestReadResult
{
    internal ManifestReadResult(string source, string? defaultNamespace, IReadOnlyList<string> files, IReadOnlyList<KubeObject> objects, IReadOnlyList<ManifestError> errors)
    {
        Source = source;
        DefaultNamespace = defaultNamespace;
        Files = files;
        Objects = objects;
        Errors = errors;
    }

    /// <summary>What was read, as given (paths joined with ", "); it becomes the snapshot's Source.</summary>
    public string Source { get; }
    public string? DefaultNamespace { get; }
    /// <summary>The files read, in the order they were read.</summary>
    public IReadOnlyList<string> Files { get; }
    public IReadOnlyList<KubeObject> Objects { get; }
    public IReadOnlyList<ManifestError> Errors { get; }
    public bool HasErrors => Errors.Count > 0;

    /// <summary>
    /// The snapshot probes read (Origin = Manifests, ServedGroups unknown). With a selector, only objects whose
    /// labels match are kept, as a live read with <c>--selector</c> would list them.
    /// </summary>
    public ClusterSnapshot ToSnapshot(DateTimeOffset takenAt, LabelSelector? selector = null)
    {
        var objects = selector is null ? Objects : Objects.Where(o => selector.Matches(o.Labels));
        return new ClusterSnapshot(SnapshotOrigin.Manifests, Source, DefaultNamespace, objects, takenAt);
    }
}
