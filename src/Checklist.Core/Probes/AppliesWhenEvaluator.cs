using Checklist.Core.Checklists;
using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes;

/// <summary>
/// Decides whether an item's <c>appliesWhen</c> holds for a snapshot. An item applies when it names no
/// condition or when any of its conditions holds; otherwise it is not applicable, with the reason spelled out.
/// </summary>
public static class AppliesWhenEvaluator
{
    public static bool Holds(IReadOnlyCollection<AppliesWhenCondition> conditions, ClusterSnapshot snapshot) =>
        conditions.Count == 0 || conditions.Any(c => Holds(c, snapshot));

    public static bool Holds(AppliesWhenCondition condition, ClusterSnapshot snapshot) => condition switch
    {
        AppliesWhenCondition.HasStatefulSets => snapshot.OfKind("StatefulSet").Count > 0,
        AppliesWhenCondition.HasPersistentVolumeClaims => snapshot.OfKind("PersistentVolumeClaim").Count > 0
            || snapshot.OfKind("StatefulSet").Any(s => s.Json["spec"]?["volumeClaimTemplates"] is System.Text.Json.Nodes.JsonArray { Count: > 0 }),
        AppliesWhenCondition.HasIngress => snapshot.OfKind("Ingress").Count > 0,
        AppliesWhenCondition.HasServices => snapshot.OfKind("Service").Count > 0,
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    public static string Describe(IReadOnlyCollection<AppliesWhenCondition> conditions) =>
        $"Applies only when {string.Join(" or ", conditions.Select(TemplateVocabulary.Name))}, and the target has none of that.";
}
