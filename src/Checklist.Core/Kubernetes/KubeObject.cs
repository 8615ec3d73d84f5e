using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes;

/// <summary>Where an object came from when it was read from a manifest file (helm's "# Source:" wins over the file).</summary>
public sealed record ObjectSource(string File, int Line)
{
    /// <summary>
    /// For <c>helm template</c> output: the rendered file that held the document. <see cref="File"/> is then the
    /// chart template and <see cref="Line"/> the line in the rendered file, because the template's own line cannot be known.
    /// </summary>
    public string? RenderedIn { get; init; }

    public override string ToString() => RenderedIn is null ? $"{File}:{Line}" : $"{File} (rendered at {RenderedIn}:{Line})";
}

/// <summary>
/// One Kubernetes object as probes see it: the raw JSON plus the identity fields every probe needs.
/// The JSON is kept whole so that a probe can read any field without the model knowing about it.
/// </summary>
public sealed class KubeObject
{
    public KubeObject(JsonObject json, ObjectSource? source = null, string? defaultNamespace = null)
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
        ApiVersion = (string?)json["apiVersion"] ?? "";
        Kind = (string?)json["kind"] ?? throw new ArgumentException("Object has no kind.", nameof(json));
        var metadata = json["metadata"] as JsonObject;
        Name = (string?)metadata?["name"] ?? "";
        Namespace = (string?)metadata?["namespace"] ?? defaultNamespace;
        Labels = ReadMap(metadata?["labels"]);
        Annotations = ReadMap(metadata?["annotations"]);
        Source = source;
    }

    public JsonObject Json { get; }
    public string ApiVersion { get; }
    public string Kind { get; }
    public string Name { get; }
    /// <summary>Null for cluster-scoped objects (Namespace, ClusterRole, ...).</summary>
    public string? Namespace { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyDictionary<string, string> Annotations { get; }
    public ObjectSource? Source { get; }

    /// <summary>The API group ("" for the core group), e.g. "apps" for apps/v1.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>The reference findings use: Kind/namespace/name, or Kind/name when cluster-scoped.</summary>
    public string Reference => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    public override string ToString() => Reference;

    private static IReadOnlyDictionary<string, string> ReadMap(JsonNode? node)
    {
        if (node is not JsonObject map) return new Dictionary<string, string>();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
            result[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        return result;
    }
}
