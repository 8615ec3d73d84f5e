using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Runs;

/// <summary>
/// Closes waivers whose time is up: a waived item goes back to pending (and a go decision resting on it turns
/// stale), a request nobody approved in time lapses. Each run is saved on its own, with its audit events and
/// webhook notifications, so one conflicting run does not hold up the others; the next sweep retries it.
/// </summary>
public sealed class WaiverExpirySweep(
    ChecklistDbContext db, AuditLog audit, WebhookOutbox webhooks, TimeProvider time, ILogger<WaiverExpirySweep> logger)
{
    /// <returns>How many waivers expired.</returns>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var runIds = await db.Runs.AsNoTracking()
            .Where(r => r.State == RunState.Draft || r.State == RunState.InProgress || r.State == RunState.Decided)
            .Where(r => r.Items.Any(i => i.Waivers.Any(w =>
                (w.Status == WaiverStatus.Requested || w.Status == WaiverStatus.Approved) && w.ExpiresAt <= now)))
            .Select(r => r.Id)
            .ToListAsync(ct);

        var expired = 0;
        foreach (var runId in runIds)
        {
            db.ChangeTracker.Clear();
            var run = await db.Runs.ForChange().SingleAsync(r => r.Id == runId, ct);
            var gateBefore = run.EvaluateGate(now);
            var staleBefore = run.CurrentDecision?.Stale ?? false;
            var historyBefore = run.Items.ToDictionary(i => i.ItemId, i => i.History.Count);
            if (run.ExpireWaivers(now).Count == 0) continue;
            var changes = run.Items.SelectMany(i => i.History.Skip(historyBefore[i.ItemId]).Select(e => (Item: i, Event: e))).ToList();

            foreach (var (item, e) in changes)
                audit.Record("waiver.expired", "RunItem", $"{run.Id}/{item.ItemId}", run.Id,
                    before: new { state = e.FromState.ToApiName() }, after: new { state = e.ToState.ToApiName(), detail = e.Detail },
                    actor: AuditActor.System);
            if (!staleBefore && run.CurrentDecision?.Stale == true)
                audit.Record("decision.stale", "Run", run.Id.ToString(), run.Id,
                    after: new { reason = run.CurrentDecision.StaleReason }, actor: AuditActor.System);
            await webhooks.QueueRunChangesAsync(run, gateBefore, changes, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                expired += changes.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.DiscardQueuedAudit();
                logger.LogInformation("Run {RunId} changed while its waivers expired; the next sweep retries it.", runId);
            }
        }
        return expired;
    }
}
