using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Checklist.Web.Data;

/// <summary>
/// Appends queued audit events to the hash chain in the same transaction as the change they record. Appends
/// are serialized: across replicas by a PostgreSQL transaction-scoped advisory lock, and within the one
/// process that may write a SQLite file by a semaphore (SQLite would otherwise fail the second writer's
/// read-then-write upgrade instead of waiting). The same transaction moves the chain's head in <c>AuditHeads</c>, so
/// that events cut off the end of the chain are detected by verification.
/// </summary>
internal static class AuditChainWriter
{
    private const long PostgresLockKey = 0x436865636B6C6973; // "Checklis"
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public static async Task<int> SaveWithAuditAsync(ChecklistDbContext db, List<AuditDraft> pending, Func<Task<int>> save, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite) await SqliteGate.WaitAsync(ct);
        try
        {
            var owned = db.Database.CurrentTransaction is null;
            await using var transaction = owned ? await db.Database.BeginTransactionAsync(ct) : null;
            if (!sqlite)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);

            var chainedTo = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).FirstOrDefaultAsync(ct);
            var last = chainedTo;
            foreach (var draft in pending)
            {
                last = AuditChain.Append(last, draft);
                db.AuditEvents.Add(last);
            }
            await MoveHeadAsync(db, chainedTo, last!, ct);
            var written = await save();
            if (transaction is not null) await transaction.CommitAsync(ct);
            pending.Clear();
            return written;
        }
        catch
        {
            // The events were never committed: take them out of the change tracker so a retry re-chains them.
            foreach (var entry in db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).ToList())
                entry.State = EntityState.Detached;
            throw;
        }
        finally
        {
            // The head is re-read under the lock on every append, never kept: another context may have moved it.
            foreach (var entry in db.ChangeTracker.Entries<AuditHead>().ToList())
                entry.State = EntityState.Detached;
            if (sqlite) SqliteGate.Release();
        }
    }

    /// <summary>
    /// Records where the chain now ends, outside the audit table, so that rows cut off its end are detected. A head
    /// that does not stand on the event the new ones were chained to is left alone (and logged): the chain lost its
    /// tail, and moving the head would erase the evidence of it.
    /// </summary>
    private static async Task MoveHeadAsync(ChecklistDbContext db, AuditEvent? chainedTo, AuditEvent last, CancellationToken ct)
    {
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.ChainId, ct);
        if (head is null)
        {
            db.AuditHeads.Add(new AuditHead(last));
            return;
        }
        db.AuditHeads.Attach(head);
        if (head.Advance(chainedTo, last)) return;
        db.GetService<ILoggerFactory>().CreateLogger("Checklist.Audit").LogCritical(
            "The audit chain ends at event {ChainSeq} but its recorded head is event {HeadSeq} ({HeadHash}); the head is kept. " +
            "Run the audit verification (/audit/verify) and restore the database from a backup.",
            chainedTo?.Seq ?? 0, head.Seq, head.Hash);
    }
}
