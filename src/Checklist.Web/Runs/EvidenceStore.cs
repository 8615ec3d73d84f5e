using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Runs;

/// <summary>An evidence file ready to download: its recorded name and SHA-256 and the stored bytes.</summary>
public sealed record EvidenceFile(string FileName, string Sha256, byte[] Content);

/// <summary>
/// Keeps evidence files in the database, one row per distinct content (keyed by SHA-256), so every replica
/// serves every file and a file attached twice is stored once.
/// </summary>
public sealed class EvidenceStore(ChecklistDbContext db, TimeProvider time)
{
    private const string KeyPrefix = "db/";

    public static string KeyFor(string sha256) => KeyPrefix + sha256;

    /// <summary>
    /// Adds the blob to the change tracker unless the database already has it, so it is written by the same
    /// SaveChanges as the evidence that refers to it (a refused action leaves no orphan bytes behind).
    /// </summary>
    public async Task<string> StageAsync(EvidenceUpload upload, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<EvidenceBlob>().Any(e => e.Entity.Sha256 == upload.Sha256);
        if (!tracked && !await db.EvidenceBlobs.AnyAsync(b => b.Sha256 == upload.Sha256, ct))
            db.EvidenceBlobs.Add(new EvidenceBlob(upload.Sha256, upload.Content, time.GetUtcNow()));
        return KeyFor(upload.Sha256);
    }

    /// <summary>
    /// Another upload of the same bytes may have stored the blob between <see cref="StageAsync"/> and the save; then
    /// the staged copy is dropped and the save can be retried. True when that happened.
    /// </summary>
    public async Task<bool> UnstageStoredAsync(CancellationToken ct)
    {
        var staged = db.ChangeTracker.Entries<EvidenceBlob>().Where(e => e.State == EntityState.Added).ToList();
        var dropped = false;
        foreach (var entry in staged)
        {
            var sha = entry.Entity.Sha256;
            if (!await db.EvidenceBlobs.AsNoTracking().AnyAsync(b => b.Sha256 == sha, ct)) continue;
            entry.State = EntityState.Detached;
            dropped = true;
        }
        return dropped;
    }

    /// <summary>
    /// The file of one piece of file evidence of a run (of one item when <paramref name="itemId"/> is given), or null
    /// when there is no such file evidence.
    /// </summary>
    public async Task<EvidenceFile?> FindAsync(Guid runId, string? itemId, Guid evidenceId, CancellationToken ct)
    {
        var evidence = await db.RunItems.AsNoTracking()
            .Where(i => EF.Property<Guid>(i, "RunId") == runId && (itemId == null || i.ItemId == itemId))
            .SelectMany(i => i.Evidence)
            .Where(e => e.Id == evidenceId && e.Kind == Checklist.Core.Runs.EvidenceKind.File)
            .Select(e => new { e.FileName, e.Sha256, e.StorageKey })
            .SingleOrDefaultAsync(ct);
        if (evidence?.Sha256 is null || evidence.StorageKey != KeyFor(evidence.Sha256)) return null;
        var content = await db.EvidenceBlobs.AsNoTracking()
            .Where(b => b.Sha256 == evidence.Sha256)
            .Select(b => b.Content)
            .SingleOrDefaultAsync(ct);
        return content is null ? null : new EvidenceFile(evidence.FileName ?? "evidence", evidence.Sha256, content);
    }
}
