using System.Globalization;
using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges Deployments (spec.strategy, default RollingUpdate with maxUnavailable 25%), StatefulSets and DaemonSets
/// (spec.updateStrategy, default RollingUpdate). Recreate and OnDelete fail. maxUnavailable fails when it takes
/// every pod down at once (100%, or a number reaching the replica count; a Deployment's percentage is rounded down).
/// revisionHistoryLimit defaults to 10 for all three.
/// </summary>
public sealed class RollingUpdateProbe() : Probe("rolling-update")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Deployment", "StatefulSet", "DaemonSet", "HorizontalPodAutoscaler"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var minHistory = context.Arguments.GetInt("minRevisionHistory");
        foreach (var template in context.Index.Templates.Where(t => t.Kind is "Deployment" or "StatefulSet" or "DaemonSet"))
        {
            var spec = template.Owner.Json["spec"];
            var strategy = template.Kind == "Deployment" ? spec?["strategy"] : spec?["updateStrategy"];
            var type = JsonRead.String(strategy?["type"]) ?? "RollingUpdate";
            var problems = new List<string>();
            if (type != "RollingUpdate") problems.Add($"update strategy is {type}");
            else if (JsonRead.IntOrString(strategy?["rollingUpdate"]?["maxUnavailable"]) is { } maxUnavailable
                     && context.Index.MinReplicas(template) is { } replicas
                     && TakesAllDown(maxUnavailable, replicas))
                problems.Add($"maxUnavailable {maxUnavailable} takes all {replicas} pod(s) down at once");
            else if (template.Kind == "DaemonSet" && JsonRead.IntOrString(strategy?["rollingUpdate"]?["maxUnavailable"]) == "100%")
                problems.Add("maxUnavailable 100% takes every pod down at once");
            var history = JsonRead.Integer(spec?["revisionHistoryLimit"]) ?? 10;
            if (history < minHistory) problems.Add($"revisionHistoryLimit is {history}, below {minHistory}");
            if (problems.Count == 0)
                context.Pass(template.Owner, $"rolls out with RollingUpdate and keeps {history} revisions");
            else
                context.Fail(template.Owner, string.Join("; ", problems),
                    $"Use the RollingUpdate strategy with maxUnavailable below the replica count and revisionHistoryLimit of at least {minHistory}.");
        }
        return context.Result("There are no Deployments, StatefulSets or DaemonSets.");
    }

    private static bool TakesAllDown(string maxUnavailable, long replicas)
    {
        if (maxUnavailable.EndsWith('%'))
            return decimal.TryParse(maxUnavailable[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var pct)
                && Math.Floor(pct * replicas / 100m) >= replicas;
        return long.TryParse(maxUnavailable, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= replicas;
    }
}
