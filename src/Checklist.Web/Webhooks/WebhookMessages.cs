using System.Text.Json;
using System.Text.Json.Serialization;
using Checklist.Core.Runs;

namespace Checklist.Web.Webhooks;

/// <summary>
/// Payloads in the shape Slack's incoming webhooks accept (<c>text</c> and <c>blocks</c> with mrkdwn), so an
/// endpoint can be a Slack URL as it is, plus a <c>checklist</c> object with the details for programs.
/// </summary>
public static class WebhookMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record RunInfo(Guid Id, string Service, string Version, string Environment, string State, string? Url);
    public sealed record ItemInfo(string Id, string Title, string State, bool Required, string? Detail);
    public sealed record Details(string Event, DateTimeOffset At, RunInfo Run, ItemInfo? Item = null, object? Data = null);

    public static string ItemFailed(Run run, RunItem item, ItemEvent e, string? runUrl) => Build(
        $"{Label(run)}: item *{Escape(item.Title)}* ({Escape(item.ItemId)}) failed{Suffix(e.Detail)}",
        new Details(WebhookEvents.ItemFailed, e.At, Info(run, runUrl), Item(item)), runUrl);

    public static string WaiverRequested(Run run, RunItem item, Waiver waiver, string? runUrl) => Build(
        $"{Label(run)}: {Escape(waiver.RequestedByName)} asks to waive *{Escape(item.Title)}* ({Escape(item.ItemId)}) until {waiver.ExpiresAt:yyyy-MM-dd HH:mm} UTC: {Escape(waiver.Justification)}",
        new Details(WebhookEvents.WaiverRequested, waiver.RequestedAt, Info(run, runUrl), Item(item),
            new { waiverId = waiver.Id, requestedBy = waiver.RequestedByName, waiver.Justification, waiver.ExpiresAt }), runUrl);

    public static string ReadyForDecision(Run run, GateEvaluation gate, string? runUrl) => Build(
        $"{Label(run)}: every required item is satisfied; the run is ready for the go-live decision" +
        (gate.Waived.Count > 0 ? $" ({gate.Waived.Count} by waiver)" : ""),
        new Details(WebhookEvents.RunReadyForDecision, gate.EvaluatedAt, Info(run, runUrl), null,
            new { gate = "go", waived = gate.Waived.Select(w => w.ItemId).ToList() }), runUrl);

    public static string DecisionRecorded(Run run, Decision decision, string? runUrl) => Build(
        $"{Label(run)}: *{(decision.Outcome == GateDecision.Go ? "GO" : "NO-GO")}* recorded by {Escape(decision.DeciderName)}{Suffix(decision.Comment)}",
        new Details(WebhookEvents.DecisionRecorded, decision.DecidedAt, Info(run, runUrl), null,
            new
            {
                decisionId = decision.Id,
                decision = decision.Outcome.ToApiName(),
                decidedBy = decision.DeciderName,
                decision.Comment,
                waived = decision.WaivedItemIds,
                runbookSha256 = decision.RunbookSha256,
            }), runUrl);

    /// <summary>A delivery an admin sends from the webhook page to check an endpoint.</summary>
    public static string Test(string endpointName, DateTimeOffset at) => JsonSerializer.Serialize(new
    {
        text = $"Test notification from Checklist for endpoint {Escape(endpointName)}",
        checklist = new { @event = "test", at },
    }, Json);

    private static string Build(string text, Details details, string? runUrl)
    {
        var blocks = new List<object> { new { type = "section", text = new { type = "mrkdwn", text } } };
        if (runUrl is not null)
            blocks.Add(new { type = "context", elements = new[] { new { type = "mrkdwn", text = $"<{runUrl}|Open the run>" } } });
        return JsonSerializer.Serialize(new { text, blocks, checklist = details }, Json);
    }

    private static string Label(Run run) => $"*{Escape(run.Service)} {Escape(run.ReleaseVersion)}* to {Escape(run.Environment)}";

    private static RunInfo Info(Run run, string? url) => new(run.Id, run.Service, run.ReleaseVersion, run.Environment, run.State.ToApiName(), url);

    private static ItemInfo Item(RunItem item) => new(item.ItemId, item.Title, item.State.ToApiName(), item.Required, item.StateDetail);

    private static string Suffix(string? detail) => string.IsNullOrWhiteSpace(detail) ? "" : $": {Escape(detail)}";

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters; everything a person typed is escaped.</summary>
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
