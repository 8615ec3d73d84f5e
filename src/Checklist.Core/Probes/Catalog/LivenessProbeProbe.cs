using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges main containers and sidecars (init containers with restartPolicy Always) of long-running pod templates:
/// Deployments, StatefulSets, DaemonSets, bare ReplicaSets and bare Pods that restart. Jobs, CronJobs and bare
/// Pods with restartPolicy Never/OnFailure run to completion and are skipped; plain init containers and ephemeral
/// containers cannot have liveness probes and are skipped.
/// </summary>
public sealed class LivenessProbeProbe() : Probe("liveness-probe")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates.Where(t => t.IsLongRunning))
            foreach (var container in template.LongRunningContainers)
                context.Check(container.Json["livenessProbe"] is not null, template.Owner, "has a livenessProbe", "has no livenessProbe",
                    "Add a livenessProbe that fails only when the process is stuck (not when a dependency is down).", container.Name);
        return context.Result("There are no long-running workloads (Jobs and CronJobs are not judged).");
    }
}
