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

/// <summary>The newest manifest bundle of a run, as the run page mentions it.</summary>
public sealed record BundleView(string FileName, int Objects, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>What the run page's verification panel shows: the targets, the newest verification with its findings, the recent ones.</summary>
public sealed record VerificationPanel(
    Guid RunId,
    bool RunOpen,
    string? ClusterName,
    BundleView? Bundle,
    VerificationView? Latest,
    IReadOnlyList<VerificationView> Recent)
{
    public bool CanVerify => RunOpen && (ClusterName is not null || Bundle is not null);
    public bool HasBothSources => ClusterName is not null && Bundle is not null;
}

/// <summary>Reads verifications for the API and the run page (no tracking, newest first).</summary>
public sealed class VerificationQueries(ChecklistDbContext db)
{
    public async Task<bool> RunExistsAsync(Guid runId, CancellationToken ct) => await db.Runs.AnyAsync(r => r.Id == runId, ct);

    /// <summary>Null when there is no such run.</summary>
    public async Task<VerificationPanel?> PanelAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.State, r.Target.ClusterId }).SingleOrDefaultAsync(ct);
        if (run is null) return null;
        var clusterName = run.ClusterId is { } clusterId
            ? await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId).Select(c => c.Name).SingleOrDefaultAsync(ct) ?? "(cluster no longer registered)"
            : null;
        var bundle = await db.ManifestBundles.AsNoTracking().Where(b => b.RunId == runId).OrderByDescending(b => b.UploadedAt)
            .Select(b => new BundleView(b.FileName, b.ObjectCount, b.Sha256, b.UploadedAt, b.UploadedByName)).FirstOrDefaultAsync(ct);
        var recent = (await ListAsync(runId, ct)).Take(5).ToList();
        var latest = recent.Count == 0 ? null : await LatestAsync(runId, ct);
        var open = run.State is Checklist.Core.Runs.RunState.Draft or Checklist.Core.Runs.RunState.InProgress or Checklist.Core.Runs.RunState.Decided;
        return new VerificationPanel(runId, open, clusterName, bundle, latest, recent);
    }

    /// <summary>Newest first, without the reports: a list stays small however large the namespaces verified.</summary>
    public async Task<IReadOnlyList<VerificationView>> ListAsync(Guid runId, CancellationToken ct)
    {
        var rows = await db.Verifications.AsNoTracking().Where(v => v.RunId == runId).OrderByDescending(v => v.QueuedAt)
            .Select(v => new
            {
                v.Id, v.RunId, v.Status, v.Trigger, v.Source, v.Target, v.RequestedByName, v.QueuedAt, v.StartedAt, v.FinishedAt, v.Attempts,
                v.ServerAddress, v.ServerVersion, v.Error, v.ReportSha256, v.Passed, v.FailedItems, v.Errors, v.NotApplicable, v.Regressions,
            })
            .ToListAsync(ct);
        return rows.Select(r => new VerificationView(r.Id, r.RunId, Name(r.Status), Name(r.Trigger), Name(r.Source), r.Target, r.RequestedByName,
                r.QueuedAt, r.StartedAt, r.FinishedAt, r.Attempts, r.ServerAddress, r.ServerVersion, r.Error, r.ReportSha256,
                new VerificationCounts(r.Passed, r.FailedItems, r.Errors, r.NotApplicable, r.Regressions)))
            .ToList();
    }

    /// <summary>The newest verification with its items and findings, or null when the run has none.</summary>
    public async Task<VerificationView?> LatestAsync(Guid runId, CancellationToken ct)
    {
        var record = await db.Verifications.AsNoTracking().Where(v => v.RunId == runId).OrderByDescending(v => v.QueuedAt).FirstOrDefaultAsync(ct);
        return record is null ? null : View(record);
    }

    private static VerificationView View(VerificationRecord r)
    {
        var report = VerificationReportDocument.FromJson(r.ReportJson);
        return new VerificationView(r.Id, r.RunId, Name(r.Status), Name(r.Trigger), Name(r.Source), r.Target, r.RequestedByName, r.QueuedAt, r.StartedAt,
            r.FinishedAt, r.Attempts, r.ServerAddress, r.ServerVersion, r.Error, r.ReportSha256,
            new VerificationCounts(r.Passed, r.FailedItems, r.Errors, r.NotApplicable, r.Regressions),
            report?.KindErrors ?? new Dictionary<string, string>(), report?.Items ?? []);
    }

    private static string Name<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
