using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges Deployments and StatefulSets: an HPA must target the workload with minReplicas (default 1) at least the
/// parameter and not above maxReplicas. An HPA without metrics scales on 80% CPU utilization (the API default), so
/// it counts as a CPU metric. CPU utilization (Resource or ContainerResource, target type Utilization) is computed
/// against CPU requests, so every main and sidecar container then needs one (limits and LimitRange defaults count).
/// </summary>
public sealed class HpaPresentProbe() : Probe("hpa-present")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Deployment", "StatefulSet", "HorizontalPodAutoscaler", "LimitRange"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var minWanted = context.Arguments.GetInt("minReplicas");
        foreach (var template in context.Index.Templates.Where(t => t.Kind is "Deployment" or "StatefulSet"))
        {
            var hpa = context.Index.HpaFor(template.Owner);
            if (hpa is null)
            {
                context.Fail(template.Owner, "no HorizontalPodAutoscaler targets it", $"Add a HorizontalPodAutoscaler (autoscaling/v2) with scaleTargetRef {template.Kind}/{template.Owner.Name} and minReplicas >= {minWanted}.");
                continue;
            }
            var spec = hpa.Json["spec"];
            var min = JsonRead.Integer(spec?["minReplicas"]) ?? 1;
            var max = JsonRead.Integer(spec?["maxReplicas"]);
            var problems = new List<string>();
            if (min < minWanted) problems.Add($"minReplicas is {min}, below {minWanted}");
            if (max is null) problems.Add("maxReplicas is not set");
            else if (min > max) problems.Add($"minReplicas {min} exceeds maxReplicas {max}");
            if (UsesCpuUtilization(hpa))
            {
                var defaults = context.Index.LimitDefaults(template.Namespace);
                var without = template.LongRunningContainers.Where(c => EffectiveResources.Of(c, defaults).Request("cpu") is null).Select(c => c.Name).ToList();
                if (without.Count > 0) problems.Add($"it scales on CPU utilization but container(s) {string.Join(", ", without)} request no CPU");
            }
            if (problems.Count == 0)
                context.Pass(template.Owner, $"HorizontalPodAutoscaler {hpa.Name} scales it between {min} and {max} replicas");
            else
                context.Fail(template.Owner, $"HorizontalPodAutoscaler {hpa.Name}: {string.Join("; ", problems)}", "Fix the HorizontalPodAutoscaler (and set CPU requests when it scales on CPU utilization).");
        }
        return context.Result("There are no Deployments or StatefulSets.");
    }

    private static bool UsesCpuUtilization(KubeObject hpa)
    {
        var spec = hpa.Json["spec"];
        if (hpa.ApiVersion == "autoscaling/v1") return true; // v1 scales on CPU utilization only, 80% by default.
        var metrics = JsonRead.Objects(spec?["metrics"]).ToList();
        if (metrics.Count == 0) return true;
        return metrics.Any(m =>
        {
            var type = JsonRead.String(m["type"]);
            var source = type switch { "Resource" => m["resource"], "ContainerResource" => m["containerResource"], _ => null };
            return source is not null && JsonRead.String(source["name"]) == "cpu"
                && (JsonRead.String(source["target"]?["type"]) == "Utilization" || source["targetAverageUtilization"] is not null);
        });
    }
}
