using Checklist.Web.Data;
using Checklist.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Verification;

/// <summary>
/// Gives the runbook what the run's latest successful verification found (workloads and revisions, volumes,
/// services, the Helm release, images) and the cluster the run targets.
/// </summary>
public static class VerificationFacts
{
    public static RunTargetFactsSource Source(ChecklistDbContext db) => async (run, ct) =>
    {
        var latest = await db.Verifications.AsNoTracking()
            .Where(v => v.RunId == run.Id && v.Status == VerificationStatus.Succeeded && v.FactsJson != null)
            .OrderByDescending(v => v.QueuedAt)
            .Select(v => v.FactsJson)
            .FirstOrDefaultAsync(ct);
        var cluster = run.Target.ClusterId is { } clusterId
            ? await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId).Select(c => new { c.Name, c.Server }).SingleOrDefaultAsync(ct)
            : null;
        var facts = TargetFactsDocument.FromJson(latest);
        if (facts is null && cluster is null) return null;
        return new RunTargetFacts(facts?.Facts ?? new(), facts?.Images ?? [], cluster?.Name, cluster?.Server);
    };
}
