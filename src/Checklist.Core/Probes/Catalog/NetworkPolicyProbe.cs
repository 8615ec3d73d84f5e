using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every pod template (all workload kinds and bare Pods). A NetworkPolicy in the same namespace applies when
/// its podSelector selects the pods (an empty podSelector selects all). Its policyTypes default to Ingress, plus
/// Egress when it has egress rules. Policies add up, so one rule allowing everything (no from/to and no ports)
/// lifts the restriction in that direction for every policy selecting the pods.
/// </summary>
public sealed class NetworkPolicyProbe() : Probe("network-policy")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "NetworkPolicy"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var requireEgress = context.Arguments.GetBool("requireEgress");
        foreach (var template in context.Index.Templates)
        {
            var policies = context.Index.Selecting("NetworkPolicy", template.Namespace, "podSelector",
                p => LabelSelector.FromLabelSelector(p.Json["spec"]?["podSelector"] ?? new JsonObject()), template.Labels);
            var problems = new List<string>();
            var ingress = Direction(policies, "Ingress", "ingress", "from");
            if (ingress is not null) problems.Add(ingress);
            if (requireEgress && Direction(policies, "Egress", "egress", "to") is { } egress) problems.Add(egress);
            if (problems.Count == 0)
                context.Pass(template.Owner, $"restricted by NetworkPolicy {string.Join(", ", policies.Select(p => p.Name))}");
            else
                context.Fail(template.Owner, string.Join("; ", problems),
                    $"Add a NetworkPolicy whose podSelector matches the pods and that restricts {(requireEgress ? "ingress and egress" : "ingress")} to what the service needs.");
        }
        return context.Result("There are no pod templates to judge.");
    }

    /// <summary>Null when the direction is restricted; otherwise what is wrong.</summary>
    private static string? Direction(IReadOnlyList<KubeObject> policies, string type, string rulesField, string peersField)
    {
        var applying = policies.Where(p => PolicyTypes(p).Contains(type)).ToList();
        if (applying.Count == 0) return $"no NetworkPolicy restricts {rulesField}";
        var open = applying.FirstOrDefault(p => JsonRead.Objects(p.Json["spec"]?[rulesField])
            .Any(rule => rule[peersField] is not JsonArray { Count: > 0 } && rule["ports"] is not JsonArray { Count: > 0 }));
        return open is null ? null : $"NetworkPolicy {open.Name} allows all {rulesField}";
    }

    private static IReadOnlyList<string> PolicyTypes(KubeObject policy)
    {
        var declared = JsonRead.Strings(policy.Json["spec"]?["policyTypes"]);
        if (declared.Count > 0) return declared;
        return policy.Json["spec"]?["egress"] is not null ? ["Ingress", "Egress"] : ["Ingress"];
    }
}
