using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Verification;

/// <summary>A verification as the API and the run page show it; <see cref="Items"/> only for a single one.</summary>
public sealed record VerificationView(
    Guid Id,
    Guid RunId,
    string Status,
    string Trigger,
    string Source,
    string Target,
    string RequestedBy,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    string? Server,
    string? ServerVersion,
    string? Error,
    string? ReportSha256,
    VerificationCounts Counts,
    IReadOnlyDictionary<string, string>? KindErrors = null,
    IReadOnlyList<ReportedItem>? Items = null)
{
    public bool InProgress => Status is "queued" or "running";
}

public sealed record VerificationCounts(int Passed, int Failed, int Errors, int NotApplicable, int Regressions);

/// <summary>Reads verifications for the API and the run page (no tracking, newest first).</summary>
public sealed class VerificationQueries(ChecklistDbContext db)
{
    public async Task<bool> RunExistsAsync(Guid runId, CancellationToken ct) => await db.Runs.AnyAsync(r => r.Id == runId, ct);

    public async Task<IReadOnlyList<VerificationView>> ListAsync(Guid runId, CancellationToken ct)
    {
        var records = await db.Verifications.AsNoTracking().Where(v => v.RunId == runId).OrderByDescending(v => v.QueuedAt).ToListAsync(ct);
        return records.Select(r => View(r, withReport: false)).ToList();
    }

    /// <summary>The newest verification with its items and findings, or null when the run has none.</summary>
    public async Task<VerificationView?> LatestAsync(Guid runId, CancellationToken ct)
    {
        var record = await db.Verifications.AsNoTracking().Where(v => v.RunId == runId).OrderByDescending(v => v.QueuedAt).FirstOrDefaultAsync(ct);
        return record is null ? null : View(record, withReport: true);
    }

    private static VerificationView View(VerificationRecord r, bool withReport)
    {
        var report = withReport ? VerificationReportDocument.FromJson(r.ReportJson) : null;
        return new VerificationView(r.Id, r.RunId, Name(r.Status), Name(r.Trigger), Name(r.Source), r.Target, r.RequestedByName, r.QueuedAt, r.StartedAt,
            r.FinishedAt, r.Attempts, r.ServerAddress, r.ServerVersion, r.Error, r.ReportSha256,
            new VerificationCounts(r.Passed, r.FailedItems, r.Errors, r.NotApplicable, r.Regressions),
            report?.KindErrors, withReport ? report?.Items ?? [] : null);
    }

    private static string Name<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
