using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges Deployments and StatefulSets that run more than one pod (HPA-aware). Passes with a podAntiAffinity term
/// (required or preferred) with a topologyKey whose labelSelector selects the workload's own pods, or a
/// topologySpreadConstraint whose labelSelector does; a term selecting other pods spreads nothing.
/// </summary>
public sealed class PodAntiAffinityProbe() : Probe("pod-anti-affinity")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Deployment", "StatefulSet", "HorizontalPodAutoscaler"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates.Where(t => t.Kind is "Deployment" or "StatefulSet"))
        {
            var replicas = context.Index.MinReplicas(template) ?? 1;
            if (replicas <= 1) continue;
            var spec = template.PodSpec;
            var antiAffinity = spec["affinity"]?["podAntiAffinity"];
            var terms = JsonRead.Objects(antiAffinity?["requiredDuringSchedulingIgnoredDuringExecution"])
                .Concat(JsonRead.Objects(antiAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]).Select(p => p["podAffinityTerm"]).OfType<JsonObject>());
            var spreadingTerm = terms.FirstOrDefault(t => !string.IsNullOrEmpty(JsonRead.String(t["topologyKey"]))
                && LabelSelector.FromLabelSelector(t["labelSelector"]).Matches(template.Labels));
            var constraint = JsonRead.Objects(spec["topologySpreadConstraints"]).FirstOrDefault(c =>
                !string.IsNullOrEmpty(JsonRead.String(c["topologyKey"])) && LabelSelector.FromLabelSelector(c["labelSelector"]).Matches(template.Labels));
            if (spreadingTerm is not null)
                context.Pass(template.Owner, $"pod anti-affinity spreads its pods over {JsonRead.String(spreadingTerm["topologyKey"])}");
            else if (constraint is not null)
                context.Pass(template.Owner, $"a topology spread constraint spreads its pods over {JsonRead.String(constraint["topologyKey"])}");
            else
                context.Fail(template.Owner, $"runs {replicas} replicas with nothing spreading them (no anti-affinity or spread constraint selecting its own pods)",
                    "Add a topologySpreadConstraint (topologyKey kubernetes.io/hostname or topology.kubernetes.io/zone) whose labelSelector matches the pod labels.");
        }
        return context.Result("There are no Deployments or StatefulSets with more than one replica.");
    }
}
