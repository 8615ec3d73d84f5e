using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges long-running pod templates (Deployments, StatefulSets, DaemonSets, bare ReplicaSets, restarting bare
/// Pods; Jobs and CronJobs skipped). terminationGracePeriodSeconds (default 30) must reach the parameter. Serving
/// containers, meaning main containers that declare a containerPort, need a preStop hook (exec, httpGet or sleep)
/// so that endpoints are removed before the process stops; a template without ports is judged on its grace period.
/// </summary>
public sealed class GracefulShutdownProbe() : Probe("graceful-shutdown")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    public override IEnumerable<string> ValidateArguments(ProbeArguments arguments)
    {
        if (arguments.GetInt("minGracePeriodSeconds") < 0) yield return "Parameter 'minGracePeriodSeconds' of probe 'graceful-shutdown' must not be negative.";
    }

    protected override ProbeResult Judge(ProbeContext context)
    {
        var minGrace = context.Arguments.GetInt("minGracePeriodSeconds");
        foreach (var template in context.Index.Templates.Where(t => t.IsLongRunning))
        {
            var grace = JsonRead.Integer(template.PodSpec["terminationGracePeriodSeconds"]) ?? 30;
            var problems = new List<string>();
            if (grace < minGrace) problems.Add($"terminationGracePeriodSeconds is {grace}, below {minGrace}");
            var serving = template.Containers.Where(c => c.Role == ContainerRole.Main && c.Json["ports"] is JsonArray { Count: > 0 }).ToList();
            foreach (var container in serving.Where(c => c.Json["lifecycle"]?["preStop"] is null))
                problems.Add($"serving container {container.Name} has no preStop hook");
            if (problems.Count == 0)
                context.Pass(template.Owner, $"grace period {grace}s" + (serving.Count > 0 ? $", preStop hooks on {string.Join(", ", serving.Select(c => c.Name))}" : ""));
            else
                context.Fail(template.Owner, string.Join("; ", problems),
                    $"Add a preStop hook (e.g. a short sleep) to serving containers and set terminationGracePeriodSeconds to at least {minGrace}.");
        }
        return context.Result("There are no long-running workloads (Jobs and CronJobs are not judged).");
    }
}
