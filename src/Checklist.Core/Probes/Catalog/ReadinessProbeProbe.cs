using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges the same containers as liveness-probe (main containers and sidecars of long-running templates; Jobs,
/// CronJobs, init and ephemeral containers skipped). A readinessProbe identical to the livenessProbe fails: the
/// two answer different questions, and an identical pair restarts pods that should only be taken out of service.
/// </summary>
public sealed class ReadinessProbeProbe() : Probe("readiness-probe")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates.Where(t => t.IsLongRunning))
        {
            foreach (var container in template.LongRunningContainers)
            {
                var readiness = container.Json["readinessProbe"];
                var liveness = container.Json["livenessProbe"];
                if (readiness is null)
                    context.Fail(template.Owner, "has no readinessProbe", "Add a readinessProbe that reports whether the container can serve traffic now.", container.Name);
                else if (liveness is not null && JsonNode.DeepEquals(readiness, liveness))
                    context.Fail(template.Owner, "has a readinessProbe identical to its livenessProbe", "Make the readinessProbe check readiness to serve (or at least use a lower failureThreshold than liveness).", container.Name);
                else
                    context.Pass(template.Owner, "has a readinessProbe distinct from its livenessProbe", container.Name);
            }
        }
        return context.Result("There are no long-running workloads (Jobs and CronJobs are not judged).");
    }
}
