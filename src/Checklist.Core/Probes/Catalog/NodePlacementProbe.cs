using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every pod template except DaemonSets, which exist to run on every node and commonly tolerate every
/// taint on purpose. A toleration with operator Exists and no key tolerates every taint (with no effect: every
/// effect) and fails. With required, the template needs a non-empty nodeSelector or a required node affinity.
/// </summary>
public sealed class NodePlacementProbe() : Probe("node-placement")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        var required = context.Arguments.GetBool("required");
        foreach (var template in context.Index.Templates.Where(t => t.Kind != "DaemonSet"))
        {
            var spec = template.PodSpec;
            var problems = new List<string>();
            var blanket = JsonRead.Objects(spec["tolerations"]).FirstOrDefault(t =>
                JsonRead.String(t["operator"]) == "Exists" && string.IsNullOrEmpty(JsonRead.String(t["key"])));
            if (blanket is not null)
                problems.Add(JsonRead.String(blanket["effect"]) is { Length: > 0 } effect
                    ? $"tolerates every taint with effect {effect}"
                    : "tolerates every taint");
            var hasSelector = spec["nodeSelector"] is JsonObject { Count: > 0 };
            var hasAffinity = spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] is JsonArray { Count: > 0 };
            if (required && !hasSelector && !hasAffinity) problems.Add("has no nodeSelector or required node affinity");
            var placement = hasSelector ? "a nodeSelector" : hasAffinity ? "required node affinity" : "default placement";
            context.Check(problems.Count == 0, template.Owner, $"uses {placement} without a blanket toleration", string.Join("; ", problems),
                (required ? "Add a nodeSelector or required node affinity, and " : "") + "tolerate only the taints the pods are meant for (give each toleration a key).");
        }
        return context.Result("There are no pod templates to judge (DaemonSets are not judged).");
    }
}
