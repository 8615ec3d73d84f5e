using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges Deployments and StatefulSets. When an HPA targets the workload, the HPA's minReplicas (default 1) is
/// the floor and spec.replicas is ignored, since the HPA overwrites it; otherwise spec.replicas (default 1).
/// DaemonSets, Jobs, CronJobs and bare Pods have no replica count to judge.
/// </summary>
public sealed class ReplicasMinProbe() : Probe("replicas-min")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Deployment", "StatefulSet", "HorizontalPodAutoscaler"];

    public override IEnumerable<string> ValidateArguments(ProbeArguments arguments)
    {
        if (arguments.GetInt("min") < 1) yield return "Parameter 'min' of probe 'replicas-min' must be at least 1.";
    }

    protected override ProbeResult Judge(ProbeContext context)
    {
        var min = context.Arguments.GetInt("min");
        foreach (var template in context.Index.Templates.Where(t => t.Kind is "Deployment" or "StatefulSet"))
        {
            var hpa = context.Index.HpaFor(template.Owner);
            var replicas = context.Index.MinReplicas(template) ?? 1;
            var what = hpa is null ? $"spec.replicas is {replicas}" : $"HorizontalPodAutoscaler {hpa.Name} keeps at least {replicas} replica(s)";
            context.Check(replicas >= min, template.Owner, what, $"{what}, fewer than {min}",
                hpa is null ? $"Set spec.replicas to at least {min}." : $"Set minReplicas of HorizontalPodAutoscaler {hpa.Name} to at least {min}.");
        }
        return context.Result("There are no Deployments or StatefulSets.");
    }
}
