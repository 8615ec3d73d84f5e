using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every pod template's owner: Deployments, StatefulSets, DaemonSets, bare ReplicaSets, Jobs and CronJobs
/// need the required labels on the object and on the pod template; a bare Pod on itself. The workload's
/// spec.selector must select its own pod template (Deployments, StatefulSets, DaemonSets, ReplicaSets; Jobs
/// generate theirs, CronJobs and Pods have none).
/// </summary>
public sealed class LabelsRecommendedProbe() : Probe("labels-recommended")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        var required = context.Arguments.GetStringList("required");
        foreach (var template in context.Index.Templates)
        {
            var problems = new List<string>();
            var missingOnObject = required.Where(l => !template.Owner.Labels.ContainsKey(l)).ToList();
            if (missingOnObject.Count > 0) problems.Add($"the {template.Kind} lacks label(s) {string.Join(", ", missingOnObject)}");
            if (template.Kind != "Pod")
            {
                var missingOnPods = required.Where(l => !template.Labels.ContainsKey(l)).ToList();
                if (missingOnPods.Count > 0) problems.Add($"the pod template lacks label(s) {string.Join(", ", missingOnPods)}");
            }
            if (template.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet")
            {
                if (template.Selector.MatchesNothing)
                    problems.Add(template.Selector.Problem is { } p ? $"spec.selector is invalid: {p}" : "spec.selector is missing");
                else if (!template.Selector.Matches(template.Labels))
                    problems.Add($"spec.selector ({template.Selector}) does not select the pod template labels");
            }
            context.Check(problems.Count == 0, template.Owner, "carries the required labels and its selector matches its pods", string.Join("; ", problems),
                $"Set {string.Join(", ", required)} on the workload and its pod template, and make spec.selector match the template labels.");
        }
        return context.Result("There are no workloads to judge.");
    }
}
