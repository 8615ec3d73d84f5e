using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges each target namespace (the run's namespace, or every namespace the objects are in): it needs a
/// LimitRange with a Container entry that sets default or defaultRequest (or max, which Kubernetes uses as the default).
/// </summary>
public sealed class LimitRangePresentProbe() : Probe("limitrange-present")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["LimitRange"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var ns in context.Index.TargetNamespaces)
        {
            var ranges = context.Index.InNamespace("LimitRange", ns);
            var withDefaults = ranges.FirstOrDefault(r => JsonRead.Objects(r.Json["spec"]?["limits"])
                .Any(l => (JsonRead.String(l["type"]) ?? "Container") == "Container" && (l["default"] is not null || l["defaultRequest"] is not null || l["max"] is not null)));
            if (withDefaults is not null)
                context.PassNamespace(ns, $"LimitRange {withDefaults.Name} sets container defaults");
            else
                context.FailNamespace(ns, ranges.Count == 0 ? "has no LimitRange" : "has LimitRanges, but none sets container defaults",
                    "Add a LimitRange with a Container entry setting default and defaultRequest for cpu and memory.");
        }
        return context.Result("No target namespace is known.");
    }
}
