using Checklist.Core.Probes;
using Checklist.Core.Probes.Reporting;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Jobs;
using Checklist.Web.Runs;
using Checklist.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Verification;

/// <summary>
/// Verifies runs: queues a verification (a record and a job trigger), and runs it when the job fires: one snapshot
/// of the target, every probe item judged against it, and the results applied to the run through its Core methods
/// with their audit events, in one save.
/// </summary>
public sealed class VerificationService(
    ChecklistDbContext db,
    AuditLog audit,
    TimeProvider time,
    TargetSnapshotReader snapshots,
    VerificationJobQueue jobs,
    VerificationOptions options,
    WebhookOutbox webhooks,
    Operations.Metrics.ChecklistMetrics metrics,
    ILogger<VerificationService> logger)
{
    public const string Rule = "Verification";

    /// <summary>Queues a verification of the run; the job picks it up within moments.</summary>
    /// <param name="source">Cluster or manifests; null picks the run's cluster when it has one, else its manifests.</param>
    /// <exception cref="RuleViolationException">No such run (404); nothing to verify, or one already under way (409).</exception>
    public async Task<VerificationRecord> QueueAsync(Guid runId, VerificationSource? source, VerificationTrigger trigger, Actor actor, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new RuleViolationException(RunRules.NotFound, RuleViolationKind.NotFound, $"there is no run {runId}");
        if (run.State is RunState.Completed or RunState.Cancelled)
            throw Conflict($"run {runId} is {run.State.ToApiName()}; a finished run is not verified again");
        var now = time.GetUtcNow();
        var busy = await InFlightAsync(runId, now, ct);
        if (busy is not null)
            throw Conflict($"verification {busy.Id} of this run is already {busy.Status.ToString().ToLowerInvariant()} (since {busy.QueuedAt:u}); wait for it (GET /api/v1/runs/{runId}/verifications/latest)");

        var record = await NewRecordAsync(run, source, trigger, actor, now, ct);
        db.Verifications.Add(record);
        audit.Record("verification.requested", "Verification", record.Id.ToString(), run.Id,
            after: new { verificationId = record.Id, trigger = record.Trigger.ToString().ToLowerInvariant(), source = record.Source.ToString().ToLowerInvariant(), record.Target },
            actor: actor.Kind == ActorKind.System ? AuditActor.System : null);
        await db.SaveChangesAsync(ct);

        try
        {
            await jobs.EnqueueAsync(run.Id, record.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            record.Abandon(time.GetUtcNow(), $"The job scheduler did not accept the verification: {e.Message}");
            audit.Record("verification.completed", "Verification", record.Id.ToString(), run.Id,
                after: new { verificationId = record.Id, status = "failed", record.Error }, actor: AuditActor.System);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        return record;
    }

    /// <summary>
    /// Runs a queued verification. Safe to call again for the same one (a recovered job): a finished verification is
    /// left alone, one cut short is run again from the start.
    /// </summary>
    public async Task VerifyAsync(Guid runId, Guid verificationId, CancellationToken ct)
    {
        var record = await db.Verifications.SingleOrDefaultAsync(v => v.Id == verificationId && v.RunId == runId, ct);
        if (record is null)
        {
            logger.LogWarning("Verification {VerificationId} of run {RunId} does not exist; the job has nothing to do.", verificationId, runId);
            return;
        }
        if (record.IsFinished) return;

        record.Start(time.GetUtcNow());
        audit.Record("verification.started", "Verification", record.Id.ToString(), runId,
            after: new { verificationId, attempt = record.Attempts }, actor: AuditActor.System);
        await db.SaveChangesAsync(ct);

        try
        {
            await RunAsync(record, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Verification {VerificationId} of run {RunId} failed unexpectedly.", verificationId, runId);
            db.ChangeTracker.Clear();
            db.DiscardQueuedAudit();
            var failed = await db.Verifications.SingleAsync(v => v.Id == verificationId, CancellationToken.None);
            failed.Abandon(time.GetUtcNow(), $"The verification stopped on an internal error ({e.GetType().Name}: {e.Message}); start it again.");
            audit.Record("verification.completed", "Verification", failed.Id.ToString(), runId,
                after: new { verificationId, status = "failed", failed.Error }, actor: AuditActor.System);
            await db.SaveChangesAsync(CancellationToken.None);
            metrics.VerificationCompleted("failed", time.GetUtcNow() - (failed.StartedAt ?? failed.QueuedAt));
        }
    }

    private async Task RunAsync(VerificationRecord record, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == record.RunId, ct);
        if (run is null)
        {
            record.Abandon(time.GetUtcNow(), "The run no longer exists.");
            await db.SaveChangesAsync(ct);
            return;
        }

        var probeItems = run.Items.Where(i => i.Verification == VerificationKind.Probe).OrderBy(i => i.Position).ToList();
        var target = await snapshots.ReadAsync(run, record, ct);
        var verdicts = target.Snapshot is { } snapshot
            ? ProbeItemEvaluator.Evaluate(probeItems, snapshot, ct)
            : ProbeItemEvaluator.Unreadable(probeItems, target.Error!);
        var report = new VerificationReportDocument(record.Id, run.Id, run.TemplateId, record.Source.ToString().ToLowerInvariant(), record.Target,
            target.ServerAddress, target.ServerVersion, target.Snapshot?.TakenAt, target.Error,
            target.Snapshot?.KindErrors ?? new Dictionary<string, string>(), verdicts.Select(Report).ToList());
        var json = report.ToJson();
        var sha = VerificationReportDocument.Sha256(json);
        var facts = target.Snapshot is null ? null : TargetFactsExtractor.Extract(target.Snapshot).ToJson();

        // A person may change the run while the probes ran; the results are then applied again to the fresh run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyAsync(record.Id, verdicts, target, json, sha, facts, ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                db.DiscardQueuedAudit();
            }
        }
    }

    private async Task ApplyAsync(Guid verificationId, IReadOnlyList<ItemVerdict> verdicts, TargetSnapshot target, string json, string sha, string? facts, CancellationToken ct)
    {
        var record = await db.Verifications.SingleAsync(v => v.Id == verificationId, ct);
        var run = await db.Runs.ForChange().SingleAsync(r => r.Id == record.RunId, ct);
        var now = time.GetUtcNow();
        var evidenceRef = $"verification:{record.Id}@sha256:{sha}";
        var applied = new List<object>();
        var regressions = 0;
        var canApply = run.State is RunState.Draft or RunState.InProgress or RunState.Decided;
        var gateBefore = run.EvaluateGate(now);
        var historyBefore = run.Items.ToDictionary(i => i.ItemId, i => i.History.Count);

        foreach (var verdict in canApply ? verdicts : [])
        {
            var item = run.Item(verdict.ItemId);
            var from = item.State;
            var outcome = run.RecordProbeResult(verdict.ItemId, verdict.Verdict, verdict.Summary, evidenceRef, now);
            applied.Add(new { item = verdict.ItemId, verdict = VerificationReport.VerdictName(verdict.Verdict), from = from.ToApiName(), to = item.State.ToApiName() });
            if (item.State != from)
                audit.Record("item.verified", "RunItem", $"{run.Id}/{item.ItemId}", run.Id,
                    before: new { state = from.ToApiName() },
                    after: new { state = item.State.ToApiName(), verdict = VerificationReport.VerdictName(verdict.Verdict), summary = verdict.Summary, verificationId = record.Id },
                    actor: AuditActor.System);
            if (outcome.Regressed)
            {
                regressions++;
                audit.Record("drift.detected", "RunItem", $"{run.Id}/{item.ItemId}", run.Id,
                    before: new { state = from.ToApiName(), lastVerified = item.LastVerifiedAt },
                    after: new { state = item.State.ToApiName(), summary = verdict.Summary, decisionStale = outcome.DecisionMarkedStale, verificationId = record.Id },
                    actor: AuditActor.System);
            }
            if (verdict.Exemption is not null) RequestExemptionWaiver(run, item, verdict, now);
        }

        // Subscribers hear of items that turned failed (drift included), waiver requests, and a gate that opened.
        await webhooks.QueueRunChangesAsync(run, gateBefore,
            run.Items.SelectMany(i => i.History.Skip(historyBefore[i.ItemId]).Select(e => (i, e))), now, ct);

        var summary = new VerificationSummary(target.ServerAddress, target.ServerVersion, json, sha, facts,
            Count(ProbeVerdict.Passed), Count(ProbeVerdict.Failed), Count(ProbeVerdict.Error), Count(ProbeVerdict.NotApplicable), regressions);
        record.Finish(now, summary, target.Error);
        audit.Record("verification.completed", "Verification", record.Id.ToString(), run.Id, after: new
        {
            verificationId = record.Id,
            status = record.Status.ToString().ToLowerInvariant(),
            record.Error,
            record.ServerVersion,
            reportSha256 = sha,
            passed = summary.Passed,
            failed = summary.Failed,
            errors = summary.Errors,
            notApplicable = summary.NotApplicable,
            regressions,
            applied = canApply ? applied : null,
            notApplied = canApply ? null : $"the run is {run.State.ToApiName()}, so the results were not applied to its items",
        }, actor: AuditActor.System);
        await db.SaveChangesAsync(ct);
        metrics.VerificationCompleted(record.Status.ToString().ToLowerInvariant(), now - (record.StartedAt ?? record.QueuedAt));
        foreach (var verdict in verdicts.Where(v => v.ProbeId is not null)) metrics.ProbeResult(verdict.ProbeId!, verdict.Verdict);

        int Count(ProbeVerdict v) => verdicts.Count(x => x.Verdict == v);
    }

    /// <summary>
    /// An annotation exempted every failure: the item stays failed and a waiver request with the annotation's reason
    /// waits for a release manager, unless one is already open. A run that is decided takes no new requests.
    /// </summary>
    private void RequestExemptionWaiver(Run run, RunItem item, ItemVerdict verdict, DateTimeOffset now)
    {
        if (item.OpenWaiver is not null || item.State != RunItemState.Failed || run.State is not (RunState.Draft or RunState.InProgress)) return;
        var waiver = run.RequestExemptionWaiver(item.ItemId, verdict.Exemption!, now + options.ExemptionWaiverLifetime, now);
        audit.Record("waiver.requested", "RunItem", $"{run.Id}/{item.ItemId}", run.Id,
            after: new { waiverId = waiver.Id, waiver.Justification, waiver.ExpiresAt, fromExemptionAnnotation = true }, actor: AuditActor.System);
    }

    private async Task<VerificationRecord?> InFlightAsync(Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        var staleBefore = now - options.StaleAfter;
        return await db.Verifications.AsNoTracking()
            .Where(v => v.RunId == runId && (v.Status == VerificationStatus.Queued || v.Status == VerificationStatus.Running) && v.QueuedAt > staleBefore)
            .OrderByDescending(v => v.QueuedAt)
            .FirstOrDefaultAsync(ct);
    }

    private async Task<VerificationRecord> NewRecordAsync(Run run, VerificationSource? requested, VerificationTrigger trigger, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var source = requested ?? (run.Target.ClusterId is not null ? VerificationSource.Cluster : VerificationSource.Manifests);
        if (source == VerificationSource.Cluster)
        {
            if (run.Target.ClusterId is not { } clusterId)
                throw Conflict("the run has no cluster to verify; verify its manifests instead, or create the run with a cluster");
            var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId).Select(c => new { c.Name, c.Server }).SingleOrDefaultAsync(ct)
                ?? throw Conflict($"the run's cluster {clusterId} is no longer registered; an admin must register it again");
            var target = $"cluster {cluster.Name} ({cluster.Server}), namespace {run.Target.Namespace}" +
                         (string.IsNullOrWhiteSpace(run.Target.Selector) ? "" : $", selector {run.Target.Selector}");
            return new VerificationRecord(run.Id, trigger, source, target, clusterId, null, actor.Id, actor.Name, now);
        }
        var bundle = await db.ManifestBundles.AsNoTracking().Where(b => b.RunId == run.Id).OrderByDescending(b => b.UploadedAt)
                         .Select(b => new { b.Id, b.FileName, b.Sha256, b.ObjectCount, b.UploadedAt }).FirstOrDefaultAsync(ct)
                     ?? throw Conflict($"run {run.Id} has no manifests yet; upload them first (PUT /api/v1/runs/{run.Id}/manifests)");
        var description = $"manifest bundle {bundle.FileName} ({bundle.ObjectCount} objects, sha256 {bundle.Sha256[..12]}, uploaded {bundle.UploadedAt:u})" +
                          (string.IsNullOrWhiteSpace(run.Target.Namespace) ? "" : $", namespace {run.Target.Namespace}") +
                          (string.IsNullOrWhiteSpace(run.Target.Selector) ? "" : $", selector {run.Target.Selector}");
        return new VerificationRecord(run.Id, trigger, source, description, null, bundle.Id, actor.Id, actor.Name, now);
    }

    private static ReportedItem Report(ItemVerdict verdict) => new(
        verdict.ItemId, verdict.Title, verdict.ProbeId, verdict.Required, VerificationReport.VerdictName(verdict.Verdict), verdict.Summary, verdict.Exemption,
        verdict.Findings.Select(f => new ReportedFinding(f.Object.ToString(), f.Object.Kind, f.Object.Namespace, f.Object.Name, f.Container,
            f.Status.ToString().ToLowerInvariant(), f.Message, f.Fix, f.Source?.File, f.Source?.Line, f.Exemption)).ToList());

    private static RuleViolationException Conflict(string detail) => new(Rule, RuleViolationKind.Conflict, detail);
}
