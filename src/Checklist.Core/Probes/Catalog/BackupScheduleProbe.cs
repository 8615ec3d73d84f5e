using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges each namespace that holds persistent state (a PersistentVolumeClaim, or a StatefulSet with
/// volumeClaimTemplates); without persistent state it is not applicable. A Velero Schedule (velero.io) in any
/// namespace covers a namespace when it is not paused, its template's includedNamespaces is empty, "*" or names
/// it, and excludedNamespaces does not. When the cluster is known not to serve velero.io, the probe is not
/// applicable and says so: back-ups then need a manual sign-off.
/// </summary>
public sealed class BackupScheduleProbe() : Probe("backup-schedule")
{
    private const string Group = "velero.io";

    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) =>
        snapshot.MayServe(Group) ? ["PersistentVolumeClaim", "StatefulSet", "Schedule"] : ["PersistentVolumeClaim", "StatefulSet"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var stateful = context.Snapshot.OfKind("PersistentVolumeClaim")
            .Concat(context.Snapshot.OfKind("StatefulSet").Where(s => s.Json["spec"]?["volumeClaimTemplates"] is JsonArray { Count: > 0 }))
            .Where(o => o.Namespace is not null)
            .GroupBy(o => o.Namespace!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (stateful.Count == 0) return context.NotApplicable("There is no persistent state (no PersistentVolumeClaim or volumeClaimTemplates) to back up.");
        if (!context.Snapshot.MayServe(Group))
            return context.NotApplicable($"The cluster does not serve {Group} (Velero is not installed); show the backup another way and sign the item off.");
        var schedules = context.Snapshot.OfKind("Schedule").Where(s => s.Group == Group).ToList();
        foreach (var group in stateful)
        {
            var ns = group.Key;
            var covering = schedules.FirstOrDefault(s => Covers(s, ns));
            var what = string.Join(", ", group.Select(o => o.Reference));
            if (covering is not null)
                context.PassNamespace(ns, $"Velero Schedule {covering.Namespace}/{covering.Name} ({JsonRead.String(covering.Json["spec"]?["schedule"])}) backs up {what}");
            else
                context.FailNamespace(ns, $"no active Velero Schedule includes the namespace, which holds {what}",
                    $"Add a Velero Schedule whose template.includedNamespaces lists {ns} (and back it up before go-live).");
        }
        return context.Result("There is no persistent state to back up.");
    }

    private static bool Covers(KubeObject schedule, string ns)
    {
        var spec = schedule.Json["spec"];
        if (JsonRead.IsTrue(spec?["paused"])) return false;
        var included = JsonRead.Strings(spec?["template"]?["includedNamespaces"]);
        var excluded = JsonRead.Strings(spec?["template"]?["excludedNamespaces"]);
        if (excluded.Contains(ns) || excluded.Contains("*")) return false;
        return included.Count == 0 || included.Contains("*") || included.Contains(ns);
    }
}
