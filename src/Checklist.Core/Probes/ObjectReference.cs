using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes;

/// <summary>The object a finding is about, written Kind/namespace/name (Kind/name when cluster-scoped).</summary>
public sealed record ObjectReference(string Kind, string? Namespace, string Name)
{
    public static ObjectReference Of(KubeObject obj) => new(obj.Kind, obj.Namespace, obj.Name);

    /// <summary>A namespace as the subject of a finding (a LimitRange or ResourceQuota that should exist in it).</summary>
    public static ObjectReference OfNamespace(string name) => new("Namespace", null, name);

    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
