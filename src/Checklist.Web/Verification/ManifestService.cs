using System.Security.Cryptography;
using System.Text;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Verification;

/// <summary>The manifest bundle was not stored: every problem found, each as file:line:column: message.</summary>
public sealed class ManifestsRejectedException(IReadOnlyList<string> errors)
    : Exception($"The manifests have {errors.Count} problem(s): {string.Join("; ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

public sealed record ManifestUploadResult(Guid BundleId, string FileName, string Sha256, long SizeBytes, int Objects, IReadOnlyDictionary<string, int> Kinds);

/// <summary>
/// Stores a run's rendered manifests after reading them with the same reader verification uses, so that a bundle
/// that cannot be read is refused at upload with every error, and nothing is stored.
/// </summary>
public sealed class ManifestService(ChecklistDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>Stores the bundle on the run and marks the run as having manifests.</summary>
    /// <param name="json">True when the body is JSON (a single object or a List), false for YAML (one or many documents).</param>
    /// <exception cref="ManifestsRejectedException">The text has errors or holds no object.</exception>
    /// <exception cref="RuleViolationException">No such run (404), a role or state that does not allow it (403, 409).</exception>
    public async Task<ManifestUploadResult> UploadAsync(Guid runId, string text, bool json, Actor actor, CancellationToken ct)
    {
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new RuleViolationException(RunRules.NotFound, RuleViolationKind.NotFound, $"there is no run {runId}");
        var fileName = json ? "manifests.json" : "manifests.yaml";
        var read = ManifestReader.ReadText(text, fileName, run.Target.Namespace);
        if (read.HasErrors) throw new ManifestsRejectedException(read.Errors.Select(e => e.ToString()).ToList());
        if (read.Objects.Count == 0)
            throw new ManifestsRejectedException([$"{fileName}:1:1: no Kubernetes object found; send the rendered manifests (for example the output of helm template)"]);

        var now = time.GetUtcNow();
        run.MarkManifestsUploaded(actor, now);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var bundle = new ManifestBundle(run.Id, fileName, json ? "application/json" : "application/yaml", text, sha, read.Objects.Count, now, actor.Id, actor.Name);
        db.ManifestBundles.Add(bundle);
        var kinds = read.Objects.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        audit.Record("manifests.uploaded", "ManifestBundle", bundle.Id.ToString(), run.Id,
            after: new { bundleId = bundle.Id, bundle.FileName, bundle.Sha256, bundle.SizeBytes, objects = bundle.ObjectCount, kinds });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            db.DiscardQueuedAudit();
            throw new RunChangeConflictException(e);
        }
        return new ManifestUploadResult(bundle.Id, fileName, sha, bundle.SizeBytes, bundle.ObjectCount, kinds);
    }

}
