using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Probes;

/// <summary>
/// Lookups every probe needs, built once per snapshot and shared by all probes of a verification: objects by
/// kind, namespace and name, pod templates, the HPA of each workload, and selector indexes per namespace.
/// </summary>
public sealed class SnapshotIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, SnapshotIndex> Cache = new();

    private readonly Dictionary<(string Kind, string? Ns), List<KubeObject>> _byNamespace = new();
    private readonly Dictionary<(string Kind, string? Ns, string Name), KubeObject> _byName = new();
    private readonly Dictionary<(string? Ns, string Kind, string Name), KubeObject> _hpaByTarget = new();
    private readonly ConcurrentDictionary<(string Kind, string? Ns, string Purpose), object> _selectorIndexes = new();
    private readonly ConcurrentDictionary<string, LimitRangeDefaults> _limitDefaults = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<PodTemplate>> _templates;

    private SnapshotIndex(ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;
        foreach (var obj in snapshot.Objects)
        {
            var key = (obj.Kind, obj.Namespace);
            if (!_byNamespace.TryGetValue(key, out var list)) _byNamespace[key] = list = [];
            list.Add(obj);
            _byName.TryAdd((obj.Kind, obj.Namespace, obj.Name), obj);
        }
        foreach (var hpa in snapshot.OfKind("HorizontalPodAutoscaler"))
        {
            var target = hpa.Json["spec"]?["scaleTargetRef"];
            if (JsonRead.String(target?["kind"]) is { } kind && JsonRead.String(target?["name"]) is { } name)
                _hpaByTarget.TryAdd((hpa.Namespace, kind, name), hpa);
        }
        _templates = new(() => PodTemplateReader.Enumerate(snapshot));
        TargetNamespaces = snapshot.TargetNamespace is { } target2
            ? [target2]
            : snapshot.Objects.Select(o => o.Namespace).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static SnapshotIndex For(ClusterSnapshot snapshot) => Cache.GetValue(snapshot, s => new SnapshotIndex(s));

    public ClusterSnapshot Snapshot { get; }
    public IReadOnlyList<PodTemplate> Templates => _templates.Value;

    /// <summary>The run's namespace, or (when it names none) every namespace the objects are in.</summary>
    public IReadOnlyList<string> TargetNamespaces { get; }

    public IReadOnlyList<KubeObject> InNamespace(string kind, string? ns) =>
        _byNamespace.TryGetValue((kind, ns), out var list) ? list : [];

    public KubeObject? Find(string kind, string? ns, string name) => _byName.GetValueOrDefault((kind, ns, name));

    /// <summary>The Namespace object of that name, when the snapshot holds it.</summary>
    public KubeObject? NamespaceObject(string name) => Find("Namespace", null, name);

    public KubeObject? HpaFor(KubeObject workload) => _hpaByTarget.GetValueOrDefault((workload.Namespace, workload.Kind, workload.Name));

    /// <summary>
    /// The fewest pods a replicated workload runs: the HPA's minReplicas (default 1) when an HPA targets it, because
    /// the HPA then owns spec.replicas; otherwise spec.replicas (default 1). Null for kinds without replicas.
    /// </summary>
    public long? MinReplicas(PodTemplate template)
    {
        if (!template.IsReplicated) return null;
        return HpaFor(template.Owner) is { } hpa ? JsonRead.Integer(hpa.Json["spec"]?["minReplicas"]) ?? 1 : template.DeclaredReplicas;
    }

    /// <summary>The most pods a replicated workload may run: the HPA's maxReplicas, or its fixed replicas.</summary>
    public long? MaxReplicas(PodTemplate template)
    {
        if (!template.IsReplicated) return null;
        return HpaFor(template.Owner) is { } hpa ? JsonRead.Integer(hpa.Json["spec"]?["maxReplicas"]) ?? MinReplicas(template) : template.DeclaredReplicas;
    }

    /// <summary>
    /// The objects of a kind in a namespace whose selector (read by <paramref name="selectorOf"/>) matches the labels.
    /// The selector index is built once per (kind, namespace, purpose) and reused.
    /// </summary>
    public IReadOnlyList<KubeObject> Selecting(string kind, string? ns, string purpose, Func<KubeObject, LabelSelector> selectorOf, IReadOnlyDictionary<string, string> labels)
    {
        var index = (SelectorIndex<KubeObject>)_selectorIndexes.GetOrAdd((kind, ns, purpose),
            _ => new SelectorIndex<KubeObject>(InNamespace(kind, ns).Select(o => (selectorOf(o), o))));
        return index.Matching(labels);
    }

    /// <summary>
    /// Like <see cref="Selecting"/>, over the objects of a kind in every namespace (monitors that watch other
    /// namespaces); the caller filters by namespace rules of its own.
    /// </summary>
    public IReadOnlyList<KubeObject> SelectingAnywhere(string kind, string purpose, Func<KubeObject, LabelSelector> selectorOf, IReadOnlyDictionary<string, string> labels)
    {
        var index = (SelectorIndex<KubeObject>)_selectorIndexes.GetOrAdd((kind, "*", purpose),
            _ => new SelectorIndex<KubeObject>(Snapshot.OfKind(kind).Select(o => (selectorOf(o), o))));
        return index.Matching(labels);
    }

    /// <summary>Container defaults from the namespace's LimitRanges (type Container), by field: default, defaultRequest, max.</summary>
    public LimitRangeDefaults LimitDefaults(string? ns) =>
        _limitDefaults.GetOrAdd(ns ?? "", _ => ReadLimitDefaults(ns));

    private LimitRangeDefaults ReadLimitDefaults(string? ns)
    {
        var result = new LimitRangeDefaults();
        foreach (var range in InNamespace("LimitRange", ns))
            foreach (var limit in JsonRead.Objects(range.Json["spec"]?["limits"]))
                if ((JsonRead.String(limit["type"]) ?? "Container") == "Container")
                    result.Add(limit["default"] as JsonObject, limit["defaultRequest"] as JsonObject, limit["max"] as JsonObject);
        return result;
    }
}

/// <summary>What the LimitRanger admission plugin would fill in for a container that declares nothing.</summary>
public sealed class LimitRangeDefaults
{
    private readonly Dictionary<string, decimal> _limit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _request = new(StringComparer.Ordinal);

    internal void Add(JsonObject? defaults, JsonObject? defaultRequests, JsonObject? max)
    {
        // A LimitRange's default limit falls back to its max, and its default request to its default limit.
        foreach (var source in new[] { max, defaults })
            foreach (var (name, value) in source ?? [])
                if (ResourceQuantity.Parse(value) is { } q) _limit[name] = q;
        foreach (var source in new[] { max, defaults, defaultRequests })
            foreach (var (name, value) in source ?? [])
                if (ResourceQuantity.Parse(value) is { } q) _request[name] = q;
    }

    public decimal? Limit(string resource) => _limit.TryGetValue(resource, out var q) ? q : null;
    public decimal? Request(string resource) => _request.TryGetValue(resource, out var q) ? q : null;
}
