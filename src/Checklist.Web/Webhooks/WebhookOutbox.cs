using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Webhooks;

/// <summary>
/// Queues notifications as outbox rows in the caller's DbContext: they are written by the same SaveChanges as the
/// change they report, or not at all. <see cref="WebhookDispatcher"/> sends them afterwards.
/// </summary>
public sealed class WebhookOutbox(ChecklistDbContext db, WebhookOptions options, TimeProvider time)
{
    private List<WebhookEndpoint>? _endpoints;

    /// <summary>
    /// Queues what a change of a run's items means for subscribers: items that turned failed, waivers requested,
    /// and the gate turning from no-go to go. The verification job calls this too, after applying probe results.
    /// </summary>
    public async Task QueueRunChangesAsync(Run run, GateEvaluation gateBefore, IEnumerable<(RunItem Item, ItemEvent Event)> events, DateTimeOffset now, CancellationToken ct)
    {
        var url = RunUrl(run.Id);
        foreach (var (item, e) in events)
        {
            if (e.ToState == RunItemState.Failed && e.FromState != RunItemState.Failed)
                await QueueAsync(WebhookEvents.ItemFailed, run.Id, WebhookMessages.ItemFailed(run, item, e, url), ct);
            if (e.Action == ItemAction.WaiverRequested && item.OpenWaiver is { Status: WaiverStatus.Requested } waiver)
                await QueueAsync(WebhookEvents.WaiverRequested, run.Id, WebhookMessages.WaiverRequested(run, item, waiver, url), ct);
        }
        var gateAfter = run.EvaluateGate(now);
        if (!gateBefore.IsGo && gateAfter.IsGo && run.State is RunState.Draft or RunState.InProgress)
            await QueueAsync(WebhookEvents.RunReadyForDecision, run.Id, WebhookMessages.ReadyForDecision(run, gateAfter, url), ct);
    }

    public Task QueueDecisionAsync(Run run, Decision decision, CancellationToken ct) =>
        QueueAsync(WebhookEvents.DecisionRecorded, run.Id, WebhookMessages.DecisionRecorded(run, decision, RunUrl(run.Id)), ct);

    private async Task QueueAsync(string eventName, Guid? runId, string body, CancellationToken ct)
    {
        _endpoints ??= await db.WebhookEndpoints.AsNoTracking().Where(e => e.Active).ToListAsync(ct);
        foreach (var endpoint in _endpoints.Where(e => e.Wants(eventName)))
            db.WebhookDeliveries.Add(new WebhookDelivery(endpoint.Id, eventName, runId, body, time.GetUtcNow()));
    }

    private string? RunUrl(Guid runId) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? null : $"{options.PublicBaseUrl.TrimEnd('/')}/runs/{runId}";
}
