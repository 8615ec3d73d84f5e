using System.Text.Json;
using Checklist.Core.Checklists;
using Checklist.Core.Kubernetes;
using Checklist.Core.Probes;
using Checklist.Core.Runs;

namespace Checklist.Web.Verification;

/// <summary>What one probe item gets from a verification, before it is applied to the run.</summary>
/// <param name="Verdict">The verdict applied to the item: a result whose only failures are exempted is applied as Failed,
/// so it never passes silently, and <paramref name="Exemption"/> becomes the justification of a waiver request.</param>
public sealed record ItemVerdict(
    string ItemId, string Title, string? ProbeId, bool Required, ProbeVerdict Verdict, string Summary, IReadOnlyList<Finding> Findings, string? Exemption);

/// <summary>
/// Judges a run's probe items against one snapshot: the item's appliesWhen condition first, then its probe with the
/// parameters the run copied from the template. Without a snapshot (the target could not be read) every item gets
/// Error with the reason: error is not failure.
/// </summary>
public static class ProbeItemEvaluator
{
    public static IReadOnlyList<ItemVerdict> Unreadable(IEnumerable<RunItem> items, string reason) =>
        items.Select(i => new ItemVerdict(i.ItemId, i.Title, i.ProbeId, i.Required, ProbeVerdict.Error, reason, [], null)).ToList();

    public static IReadOnlyList<ItemVerdict> Evaluate(IEnumerable<RunItem> items, ClusterSnapshot snapshot, CancellationToken ct)
    {
        var runner = new ProbeRunner();
        var verdicts = new List<ItemVerdict>();
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            var applicability = AppliesWhen(item.AppliesWhen, snapshot);
            if (applicability is { } skipped)
            {
                verdicts.Add(new ItemVerdict(item.ItemId, item.Title, item.ProbeId, item.Required, skipped.Verdict, skipped.Reason, [], null));
                continue;
            }
            var result = Arguments(item, out var problem) is { } arguments
                ? runner.RunOne(snapshot, new ProbeRequest(item.ItemId, item.ProbeId ?? "", arguments))
                : ProbeResult.Error(item.ProbeId ?? "", problem!);
            verdicts.Add(ToVerdict(item, result));
        }
        return verdicts;
    }

    private static ItemVerdict ToVerdict(RunItem item, ProbeResult result)
    {
        if (result.Verdict == ProbeVerdict.Passed && result.HasExemptions)
        {
            var exempted = result.Exemptions;
            var reasons = exempted.Select(f => f.Exemption!).Distinct(StringComparer.Ordinal).ToList();
            var justification = $"Exempted by annotation {Probe.ExemptionAnnotationPrefix}{result.ProbeId} on " +
                                $"{string.Join(", ", exempted.Select(f => f.Object.ToString()).Distinct())}: {string.Join("; ", reasons)}";
            var summary = $"{exempted.Count} failure(s) exempted by annotation, which needs an approved waiver: " +
                          $"{exempted[0].Object}{(exempted[0].Container is null ? "" : $" [{exempted[0].Container}]")}: {exempted[0].Message} (reason: {exempted[0].Exemption}).";
            return new ItemVerdict(item.ItemId, item.Title, item.ProbeId, item.Required, ProbeVerdict.Failed, summary, result.Findings, justification);
        }
        return new ItemVerdict(item.ItemId, item.Title, item.ProbeId, item.Required, result.Verdict, result.Summary, result.Findings, null);
    }

    /// <summary>
    /// Null when the item applies; otherwise NotApplicable with Core's reason, or Error when a kind the condition
    /// looks at could not be read (then whether the item applies cannot be told).
    /// </summary>
    private static (ProbeVerdict Verdict, string Reason)? AppliesWhen(string? appliesWhen, ClusterSnapshot snapshot)
    {
        if (string.IsNullOrWhiteSpace(appliesWhen)) return null;
        var conditions = new List<AppliesWhenCondition>();
        foreach (var name in appliesWhen.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TemplateVocabulary.TryParseCondition(name, out var condition))
                return (ProbeVerdict.Error, $"The item's appliesWhen condition '{name}' is unknown; known: {string.Join(", ", TemplateVocabulary.AppliesWhenConditionNames)}.");
            conditions.Add(condition);
        }
        if (AppliesWhenEvaluator.Holds(conditions, snapshot)) return null;
        var unreadable = conditions.SelectMany(KindsLookedAt).Distinct()
            .Where(snapshot.KindErrors.ContainsKey)
            .Select(k => $"{k} could not be read ({snapshot.KindErrors[k]})")
            .ToList();
        return unreadable.Count > 0
            ? (ProbeVerdict.Error, $"Cannot tell whether the item applies ({appliesWhen}): {string.Join("; ", unreadable)}.")
            : (ProbeVerdict.NotApplicable, AppliesWhenEvaluator.Describe(conditions));
    }

    private static string[] KindsLookedAt(AppliesWhenCondition condition) => condition switch
    {
        AppliesWhenCondition.HasStatefulSets => ["StatefulSet"],
        AppliesWhenCondition.HasPersistentVolumeClaims => ["PersistentVolumeClaim", "StatefulSet"],
        AppliesWhenCondition.HasIngress => ["Ingress"],
        _ => ["Service"],
    };

    /// <summary>The run's copy of the item's probe parameters (a JSON object), as the probe runner takes them.</summary>
    private static IReadOnlyDictionary<string, object?>? Arguments(RunItem item, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(item.ProbeParametersJson) || item.ProbeParametersJson.Trim() == "null")
            return new Dictionary<string, object?>();
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(item.ProbeParametersJson);
            return values?.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal) ?? new Dictionary<string, object?>();
        }
        catch (JsonException e)
        {
            problem = $"The item's probe parameters are not a JSON object: {e.Message}";
            return null;
        }
    }
}
