using Checklist.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Data;

/// <summary>
/// Appends queued audit events to the hash chain in the same transaction as the change they record. Appends
/// are serialized: across replicas by a PostgreSQL transaction-scoped advisory lock, and within the one
/// process that may write a SQLite file by a semaphore (SQLite would otherwise fail the second writer's
/// read-then-write upgrade instead of waiting).
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

            var previous = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).FirstOrDefaultAsync(ct);
            foreach (var draft in pending)
            {
                previous = AuditChain.Append(previous, draft);
                db.AuditEvents.Add(previous);
            }
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
            if (sqlite) SqliteGate.Release();
        }
    }
}
