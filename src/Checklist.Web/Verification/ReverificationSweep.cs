using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Verification;

/// <summary>
/// Verifies runs again on a schedule, so that drift is seen: hourly (by default) until the go decision, daily after
/// it, until the run is completed or cancelled. Only runs someone has verified at least once are re-verified; a
/// regression found this way makes the decision stale (Core) and is audited as drift.detected.
/// </summary>
public sealed class ReverificationSweep(
    ChecklistDbContext db, VerificationService verifications, VerificationOptions options, TimeProvider time, ILogger<ReverificationSweep> logger)
{
    /// <returns>How many verifications were queued.</returns>
    public async Task<int> QueueDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var candidates = await db.Verifications.AsNoTracking()
            .GroupBy(v => v.RunId)
            .Select(g => new { RunId = g.Key, Last = g.Max(v => v.QueuedAt) })
            .Join(db.Runs.AsNoTracking().Where(r => r.State == RunState.Draft || r.State == RunState.InProgress || r.State == RunState.Decided),
                v => v.RunId, r => r.Id, (v, r) => new { v.RunId, v.Last, r.State })
            .ToListAsync(ct);

        var queued = 0;
        foreach (var run in candidates)
        {
            var interval = run.State == RunState.Decided ? options.ScheduleAfterDecision : options.ScheduleBeforeDecision;
            if (now - run.Last < interval) continue;
            try
            {
                await verifications.QueueAsync(run.RunId, null, VerificationTrigger.Scheduled, Actor.System("schedule"), ct);
                queued++;
            }
            catch (RuleViolationException e)
            {
                // Another replica queued it, or the target went away: the run's page shows why when someone verifies by hand.
                logger.LogInformation("Run {RunId} is due for re-verification but was not queued: {Reason}", run.RunId, e.Message);
                db.ChangeTracker.Clear();
            }
        }
        return queued;
    }
}
