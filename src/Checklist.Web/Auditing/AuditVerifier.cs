using System.Security.Cryptography;
using System.Text;
using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Auditing;

/// <summary>What a verification found: the chain's walk, the head it was held against, and when it ran.</summary>
public sealed record AuditChainReport(AuditVerification Chain, AuditChainHead? Head, DateTimeOffset CheckedAt)
{
    public bool Ok => Chain.Ok;
}

/// <summary>One stored object whose bytes no longer match the SHA-256 recorded for it, and what is wrong.</summary>
/// <param name="Kind"><c>runbook</c> (a frozen runbook) or <c>evidence-file</c>.</param>
/// <param name="Id">The decision's id for a runbook, the evidence's id for a file.</param>
public sealed record StoredObjectProblem(string Kind, Guid Id, Guid RunId, string Name, string Problem);

/// <summary>How many frozen runbooks and evidence files were hashed, and those that did not match.</summary>
public sealed record StoredObjectsReport(int Runbooks, int EvidenceFiles, IReadOnlyList<StoredObjectProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>The full verification: the chain, and every frozen runbook and evidence file against its recorded hash.</summary>
public sealed record AuditReport(AuditChainReport Chain, StoredObjectsReport Objects)
{
    public bool Ok => Chain.Ok && Objects.Ok;
}

/// <summary>
/// Walks the whole chain from the database in batches of <see cref="BatchSize"/> (a keyset range each, carrying the
/// last verified event into the next), so a million events never sit in memory at once, then holds the end of the
/// chain against the head recorded in <c>AuditHeads</c> to catch events cut off its end.
/// </summary>
public sealed class AuditVerifier(ChecklistDbContext db, TimeProvider time)
{
    public const int BatchSize = 5000;

    public async Task<AuditReport> VerifyAsync(CancellationToken ct)
    {
        var chain = await VerifyChainAsync(ct);
        return new AuditReport(chain, await VerifyStoredObjectsAsync(ct));
    }

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

    /// <summary>
    /// Hashes every frozen runbook's text and every evidence file's stored bytes and compares them with the SHA-256
    /// recorded when they were frozen or attached. Runbooks and blobs are read one at a time, never all at once.
    /// </summary>
    public async Task<StoredObjectsReport> VerifyStoredObjectsAsync(CancellationToken ct)
    {
        var problems = new List<StoredObjectProblem>();
        var runbooks = 0;
        var frozen = db.Decisions.AsNoTracking()
            .Where(d => d.RunbookFrozenAt != null)
            .OrderBy(d => d.DecidedAt)
            .Select(d => new { d.Id, RunId = EF.Property<Guid>(d, "RunId"), d.Outcome, d.DecidedAt, d.RunbookMarkdown, d.RunbookSha256 })
            .AsAsyncEnumerable();
        await foreach (var d in frozen.WithCancellation(ct))
        {
            runbooks++;
            var name = $"runbook of the {d.Outcome.ToApiName()} decision of {AuditCanonicalJson.FormatTime(d.DecidedAt)}";
            var problem = RunbookProblem(d.RunbookMarkdown, d.RunbookSha256);
            if (problem is not null) problems.Add(new StoredObjectProblem("runbook", d.Id, d.RunId, name, problem));
        }

        var files = await (
                from e in db.Evidence.AsNoTracking()
                where e.Kind == EvidenceKind.File
                join i in db.RunItems.AsNoTracking() on EF.Property<Guid>(e, "RunItemId") equals i.Id
                orderby e.AddedAt
                select new { e.Id, RunId = EF.Property<Guid>(i, "RunId"), i.ItemId, e.FileName, e.Sha256 })
            .ToListAsync(ct);
        // Blobs are stored once per content hash however often they are attached: hash each once.
        var actualBySha = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var recorded = file.Sha256 ?? "";
            if (!actualBySha.TryGetValue(recorded, out var actual))
            {
                var content = await db.EvidenceBlobs.AsNoTracking().Where(b => b.Sha256 == recorded).Select(b => b.Content).SingleOrDefaultAsync(ct);
                actual = content is null ? null : Convert.ToHexStringLower(SHA256.HashData(content));
                actualBySha[recorded] = actual;
            }
            var name = $"file '{file.FileName}' on item '{file.ItemId}'";
            if (actual is null)
                problems.Add(new StoredObjectProblem("evidence-file", file.Id, file.RunId, name,
                    $"its bytes (SHA-256 {recorded}) are missing from the evidence store"));
            else if (!string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase))
                problems.Add(new StoredObjectProblem("evidence-file", file.Id, file.RunId, name,
                    $"its stored bytes were changed: they hash to {actual}, not to the SHA-256 recorded when it was attached ({recorded})"));
        }
        return new StoredObjectsReport(runbooks, files.Count, problems);
    }

    /// <summary>Null when the frozen text still hashes to its recorded SHA-256; otherwise what is wrong.</summary>
    public static string? RunbookProblem(string? markdown, string? recordedSha256)
    {
        if (markdown is null) return $"its text is missing (recorded SHA-256 {recordedSha256})";
        if (string.IsNullOrEmpty(recordedSha256)) return "it has no recorded SHA-256";
        var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        return string.Equals(actual, recordedSha256, StringComparison.OrdinalIgnoreCase) ? null
            : $"its text was changed after it was frozen: it hashes to {actual}, not to the recorded {recordedSha256}";
    }

    private AuditChainReport Report(AuditVerification chain, AuditChainHead? head) => new(chain, head, time.GetUtcNow());
}
