using System.Globalization;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges Deployments and StatefulSets that run more than one pod (HPA-aware: the HPA's minReplicas). A PDB in the
/// same namespace must select the pods (policy/v1: an empty selector selects every pod, a missing one none) and
/// allow at least one eviction: maxUnavailable 0 (or 0%), or minAvailable reaching the replica count (or 100%),
/// blocks every drain. Pods selected by more than one PDB cannot be evicted at all, so that fails too.
/// Single-replica workloads, DaemonSets, Jobs and bare Pods are not judged.
/// </summary>
public sealed class PdbPresentProbe() : Probe("pdb-present")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) =>
        ["Deployment", "StatefulSet", "HorizontalPodAutoscaler", "PodDisruptionBudget"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates.Where(t => t.Kind is "Deployment" or "StatefulSet"))
        {
            var replicas = context.Index.MinReplicas(template) ?? 1;
            if (replicas <= 1) continue;
            var budgets = context.Index.Selecting("PodDisruptionBudget", template.Namespace, "pdb",
                pdb => LabelSelector.FromLabelSelector(pdb.Json["spec"]?["selector"]), template.Labels);
            if (budgets.Count == 0)
            {
                context.Fail(template.Owner, $"runs {replicas} replicas and no PodDisruptionBudget selects its pods",
                    "Add a PodDisruptionBudget (policy/v1) selecting the pod labels, e.g. with maxUnavailable: 1.");
                continue;
            }
            if (budgets.Count > 1)
            {
                context.Fail(template.Owner, $"pods are selected by {budgets.Count} PodDisruptionBudgets ({string.Join(", ", budgets.Select(b => b.Name))}); the eviction API refuses pods with several",
                    "Keep exactly one PodDisruptionBudget per workload.");
                continue;
            }
            var pdb = budgets[0];
            var blocking = Blocking(pdb, replicas);
            if (blocking is null)
                context.Pass(template.Owner, $"PodDisruptionBudget {pdb.Name} selects its pods and allows evictions");
            else
                context.Fail(template.Owner, $"PodDisruptionBudget {pdb.Name} blocks every eviction: {blocking}",
                    "Allow at least one disruption (maxUnavailable: 1, or minAvailable below the replica count), or node drains will hang.");
        }
        return context.Result("There are no Deployments or StatefulSets with more than one replica.");
    }

    /// <summary>Why the budget allows no eviction at the workload's lowest replica count, or null when it allows one.</summary>
    internal static string? Blocking(KubeObject pdb, long replicas)
    {
        var spec = pdb.Json["spec"];
        if (JsonRead.IntOrString(spec?["maxUnavailable"]) is { } maxUnavailable)
        {
            // Kubernetes rounds a percentage of maxUnavailable up.
            var allowed = Resolve(maxUnavailable, replicas, roundUp: true);
            return allowed is <= 0 ? $"maxUnavailable is {maxUnavailable}" : null;
        }
        if (JsonRead.IntOrString(spec?["minAvailable"]) is { } minAvailable)
        {
            // ... and a percentage of minAvailable up as well, which is what makes 90% of 3 block.
            var needed = Resolve(minAvailable, replicas, roundUp: true);
            return needed >= replicas ? $"minAvailable is {minAvailable} with {replicas} replicas" : null;
        }
        return null; // Neither set: Kubernetes defaults to minAvailable 1.
    }

    private static long? Resolve(string value, long replicas, bool roundUp)
    {
        if (value.EndsWith('%') && decimal.TryParse(value[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var pct))
        {
            var exact = pct * replicas / 100m;
            return (long)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
