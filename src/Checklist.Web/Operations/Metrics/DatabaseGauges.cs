using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Operations.Metrics;

/// <summary>
/// Gauges read from the database at scrape time rather than counted in the process: every replica reports the
/// same shared truth, and a restart does not reset them.
/// </summary>
public sealed class DatabaseGauges(ChecklistDbContext db, ILogger<DatabaseGauges> logger)
{
    public async Task WriteAsync(PrometheusTextWriter writer, CancellationToken ct)
    {
        long chainLength;
        Dictionary<RunState, int> runs;
        try
        {
            // The chain has no gaps, so its last sequence number is its length; the key index answers it at once.
            chainLength = await db.AuditEvents.MaxAsync(e => (long?)e.Seq, ct) ?? 0;
            runs = await db.Runs.AsNoTracking().GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The in-process series are still worth a scrape; a missing gauge is what alerts can look for.
            logger.LogWarning("Metrics: the database gauges were left out of this scrape: {Reason}", ex.GetBaseException().Message);
            return;
        }
        // Every state, zero included, so a series never vanishes when its last run moves on.
        writer.WriteHeader("checklist_runs", "Runs by state (draft, in-progress, decided, completed, cancelled).", "gauge");
        foreach (var state in Enum.GetValues<RunState>())
            writer.WriteSample("checklist_runs", [new("state", state.ToApiName())], (long)runs.GetValueOrDefault(state));
        writer.WriteHeader("checklist_audit_chain_length", "Events in the audit hash chain (its last sequence number).", "gauge");
        writer.WriteSample("checklist_audit_chain_length", [], chainLength);
    }
}
