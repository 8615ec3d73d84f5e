using Checklist.Core.Audit;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Auditing;

/// <summary>What a verification found: the chain's walk, the head it was held against, and when it ran.</summary>
public sealed record AuditChainReport(AuditVerification Chain, AuditChainHead? Head, DateTimeOffset CheckedAt)
{
    public bool Ok => Chain.Ok;
}

/// <summary>
/// Walks the whole chain from the database in batches of <see cref="BatchSize"/> (a keyset range each, carrying the
/// last verified event into the next), so a million events never sit in memory at once, then holds the end of the
/// chain against the head recorded in <c>AuditHeads</c> to catch events cut off its end.
/// </summary>
public sealed class AuditVerifier(ChecklistDbContext db, TimeProvider time)
{
    public const int BatchSize = 5000;

    public async Task<AuditChainReport> VerifyChainAsync(CancellationToken ct)
    {
        // The head first: events appended while the walk runs lie beyond it and are checked like the others.
        var head = (await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.ChainId, ct))?.ToChainHead();
        AuditChainHead? verified = null;
        var lastRead = long.MinValue; // below any sequence number, so a forged seq 0 or less is read and reported too
        long events = 0;
        string? hashAtHead = null;

        while (true)
        {
            var from = lastRead;
            var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Seq > from).OrderBy(e => e.Seq).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            lastRead = batch[^1].Seq;

            var result = AuditChain.Verify(batch, after: verified);
            if (!result.Ok)
            {
                var rest = await db.AuditEvents.LongCountAsync(e => e.Seq > lastRead, ct);
                return Report(new AuditVerification(false, events + result.Events + rest, result.FirstBadSeq, result.Problem), head);
            }
            events += result.Events;
            verified = new AuditChainHead(batch[^1].Seq, batch[^1].Hash);
            if (head is not null && head.Seq >= batch[0].Seq && head.Seq <= lastRead)
                hashAtHead = batch[(int)(head.Seq - batch[0].Seq)].Hash;
        }

        if (head is null) return Report(new AuditVerification(true, events, null, null), head);
        // The walk reached the head: hold the hash found there against it. It did not: the chain lost its tail.
        var end = hashAtHead is null ? AuditChain.Verify([], after: verified, expectedEnd: head)
            : AuditChain.Verify([], after: new AuditChainHead(head.Seq, hashAtHead), expectedEnd: head);
        return Report(new AuditVerification(end.Ok, events, end.FirstBadSeq, end.Problem), head);
    }

    private AuditChainReport Report(AuditVerification chain, AuditChainHead? head) => new(chain, head, time.GetUtcNow());
}
