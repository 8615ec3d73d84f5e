using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Templates;
using Checklist.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Runs;

/// <summary>
/// Every change of a run, for the pages and the API alike: load the run, call the Core method named for the
/// action with the caller as <see cref="Actor"/>, queue the audit event (before and after) and any webhook
/// notifications, and save once, so the change, its audit event and its notifications commit together.
/// Refusals are <see cref="RuleViolationException"/>s whose message names the rule; a concurrent change of the
/// same run is a <see cref="RunChangeConflictException"/>. Item actions take <c>seenVersion</c>, the item's RowVersion the
/// caller's page (or the API's If-Match) showed, or null not to check it.
/// </summary>
public sealed class RunService(
    ChecklistDbContext db,
    AuditLog audit,
    TimeProvider time,
    TemplateCatalogService templates,
    EvidenceStore evidenceStore,
    RunbookService runbooks,
    WebhookOutbox webhooks)
{
    public async Task<Run> CreateAsync(CreateRunCommand command, Actor actor, CancellationToken ct)
    {
        var templateId = command.TemplateId?.Trim() ?? "";
        var template = templates.Current(templateId)
            ?? throw Invalid(templateId.Length == 0
                ? $"choose a checklist template: {string.Join(", ", templates.Templates.Select(t => t.Id))}"
                : $"no checklist template has the id '{templateId}'; known ids: {string.Join(", ", templates.Templates.Select(t => t.Id))}");
        var owner = await ResolveUserAsync(command.Owner, "owner", ct) ?? UserRef.Of(actor);
        var (deployMethod, tool) = ParseDeploy(command.Deploy);
        var ns = Blank(command.Namespace);
        var selector = Blank(command.Selector);
        if (command.ClusterId is { } wanted && !await db.Clusters.AnyAsync(c => c.Id == wanted, ct))
            throw Invalid($"no registered cluster has the id {wanted}; an admin registers clusters under Admin → Clusters");
        // Without a cluster the run is checked against the manifest bundle uploaded to it (PUT .../manifests).
        var target = command.ClusterId is { } clusterId ? new RunTarget(clusterId, ns, selector, false) : new RunTarget(null, ns, selector, true);
        var now = time.GetUtcNow();

        var run = Run.Create(template.Id, template.ContentHash, RunDefinitions.From(template), command.Service ?? "", command.Version ?? "",
            command.Environment ?? "", target, command.PlannedGoLive, owner, actor, deployMethod, now);
        var deploy = command.Deploy;
        db.Runs.Add(run);
        db.RunDeployments.Add(new RunDeployment(run.Id, deploy?.Chart, deploy?.ChartVersion, deploy?.ValuesFile, tool, deploy?.ToolNamespace, deploy?.BundleFile));
        audit.Record("run.created", "Run", run.Id.ToString(), run.Id, after: new
        {
            run.TemplateId,
            run.TemplateVersionHash,
            run.Service,
            version = run.ReleaseVersion,
            run.Environment,
            run.Target,
            deploy = new { kind = run.DeployMethod.Kind.ToString(), run.DeployMethod.Name, deploy?.Chart, tool = tool?.ToString() },
            run.PlannedGoLive,
            owner = run.OwnerName,
            items = run.Items.Count,
            run.RequiresFourEyesDecision,
        });
        await SaveAsync(ct);
        return run;
    }

    public async Task<Evidence> AddEvidenceAsync(Guid runId, string itemId, EvidenceInput input, Actor actor, int? seenVersion, CancellationToken ct)
    {
        var draft = Draft(input);
        return await ChangeItemAsync(runId, itemId, seenVersion, input.Supersedes is null ? "evidence.added" : "evidence.superseded",
            (run, now) => input.Supersedes is { } old
                ? run.SupersedeEvidence(itemId, old, actor, draft, now)
                : run.AddEvidence(itemId, actor, draft, now),
            e => new { evidenceId = e.Id, kind = e.Kind.ToString().ToLowerInvariant(), e.FileName, e.Sha256, e.SizeBytes, e.Url, e.Text, supersedes = input.Supersedes },
            async _ => { if (input.File is { } file) await evidenceStore.StageAsync(file, ct); },
            ct);
    }

    public Task<ItemEvent> SignOffAsync(Guid runId, string itemId, string? comment, Actor actor, int? seenVersion, CancellationToken ct) =>
        ChangeItemAsync(runId, itemId, seenVersion, "item.signed-off", (run, now) => run.SignOff(itemId, actor, comment, now), Describe, null, ct);

    public Task<ItemEvent> MarkNotApplicableAsync(Guid runId, string itemId, string? reason, Actor actor, int? seenVersion, CancellationToken ct) =>
        ChangeItemAsync(runId, itemId, seenVersion, "item.not-applicable", (run, now) => run.MarkNotApplicable(itemId, actor, reason ?? "", now), Describe, null, ct);

    public Task<Waiver> RequestWaiverAsync(Guid runId, string itemId, string? justification, DateTimeOffset? expiresAt, Actor actor, int? seenVersion, CancellationToken ct)
    {
        if (expiresAt is null) throw new RuleViolationException(RunRules.Waiver, RuleViolationKind.Invalid, "a waiver needs the date and time it expires (expiresAt)");
        return ChangeItemAsync(runId, itemId, seenVersion, "waiver.requested",
            (run, now) => run.RequestWaiver(itemId, actor, justification ?? "", expiresAt.Value, now),
            w => new { waiverId = w.Id, w.Justification, w.ExpiresAt }, null, ct);
    }

    public Task<ItemEvent> ApproveWaiverAsync(Guid runId, string itemId, string? comment, Actor actor, int? seenVersion, CancellationToken ct) =>
        ChangeItemAsync(runId, itemId, seenVersion, "waiver.approved", (run, now) => run.ApproveWaiver(itemId, actor, comment, now), Describe, null, ct);

    public Task<ItemEvent> RejectWaiverAsync(Guid runId, string itemId, string? comment, Actor actor, int? seenVersion, CancellationToken ct) =>
        ChangeItemAsync(runId, itemId, seenVersion, "waiver.rejected", (run, now) => run.RejectWaiver(itemId, actor, comment, now), Describe, null, ct);

    /// <summary>Assigns the item to a user (by id or email); a blank user unassigns it.</summary>
    public async Task<ItemEvent> AssignAsync(Guid runId, string itemId, string? user, Actor actor, int? seenVersion, CancellationToken ct)
    {
        var assignee = await ResolveUserAsync(user, "assignee", ct);
        return await ChangeItemAsync(runId, itemId, seenVersion, "item.assigned", (run, now) => run.Assign(itemId, actor, assignee, now), Describe, null, ct);
    }

    /// <summary>
    /// Records go or no-go. A go renders the runbook and freezes it with its SHA-256 in the same save, so a go
    /// decision never exists without its runbook.
    /// </summary>
    public async Task<Decision> DecideAsync(Guid runId, GateDecision outcome, string? comment, Actor actor, CancellationToken ct)
    {
        var run = await LoadAsync(runId, ct);
        var now = time.GetUtcNow();
        var before = RunAudit(run);
        var decision = run.RecordDecision(actor, outcome, comment, now);
        audit.Record("decision.recorded", "Run", run.Id.ToString(), run.Id, before, new
        {
            run = RunAudit(run),
            decisionId = decision.Id,
            decision = outcome.ToApiName(),
            decision.Comment,
            waived = decision.WaivedItemIds,
        });
        if (outcome == GateDecision.Go)
        {
            RunbookDocument document;
            try
            {
                document = await runbooks.RenderAsync(run, now, ct);
            }
            catch (RunbookTemplateException ex)
            {
                db.DiscardQueuedAudit();
                throw new RuleViolationException(RunRules.Runbook, RuleViolationKind.Conflict,
                    $"the runbook cannot be rendered, so the go decision was not recorded; an admin must fix the runbook templates: {ex.Message}");
            }
            run.FreezeRunbook(document.Markdown, document.Sha256, now);
            audit.Record("runbook.frozen", "Run", run.Id.ToString(), run.Id, after: new
            {
                decisionId = decision.Id,
                sha256 = document.Sha256,
                bytes = System.Text.Encoding.UTF8.GetByteCount(document.Markdown),
            });
        }
        await webhooks.QueueDecisionAsync(run, decision, ct);
        await SaveAsync(ct);
        return decision;
    }

    public async Task CancelAsync(Guid runId, string? reason, Actor actor, CancellationToken ct)
    {
        var run = await LoadAsync(runId, ct);
        var before = RunAudit(run);
        run.Cancel(actor, reason ?? "", time.GetUtcNow());
        audit.Record("run.cancelled", "Run", run.Id.ToString(), run.Id, before, new { run = RunAudit(run), reason = run.CancelReason });
        await SaveAsync(ct);
    }

    /// <summary>Reopens a run whose go decision turned stale (drift, an expired waiver), so the team can fix and decide again.</summary>
    public async Task ReopenAsync(Guid runId, string? reason, Actor actor, CancellationToken ct)
    {
        var run = await LoadAsync(runId, ct);
        var before = RunAudit(run);
        run.ReopenStaleDecision(actor, reason ?? "", time.GetUtcNow());
        audit.Record("run.reopened", "Run", run.Id.ToString(), run.Id, before, new { run = RunAudit(run), reason });
        await SaveAsync(ct);
    }

    public async Task CompleteAsync(Guid runId, Actor actor, CancellationToken ct)
    {
        var run = await LoadAsync(runId, ct);
        var before = RunAudit(run);
        run.Complete(actor, time.GetUtcNow());
        audit.Record("run.completed", "Run", run.Id.ToString(), run.Id, before, RunAudit(run));
        await SaveAsync(ct);
    }

    private async Task<T> ChangeItemAsync<T>(
        Guid runId, string itemId, int? seenVersion, string action,
        Func<Run, DateTimeOffset, T> change, Func<T, object> describe, Func<T, Task>? beforeSave, CancellationToken ct)
    {
        var run = await LoadAsync(runId, ct);
        var now = time.GetUtcNow();
        var item = run.Item(itemId);
        // The person acted on the item as their page showed it; if it changed since, they must look again first.
        if (seenVersion is { } seen && seen != item.RowVersion) throw new RunChangeConflictException();
        var before = ItemAudit(item);
        var gateBefore = run.EvaluateGate(now);
        var known = item.History.Count;

        var result = change(run, now);

        if (beforeSave is not null) await beforeSave(result);
        audit.Record(action, "RunItem", $"{run.Id}/{item.ItemId}", run.Id, before, new { item = ItemAudit(item), change = describe(result) });
        await webhooks.QueueRunChangesAsync(run, gateBefore, item.History.Skip(known).Select(e => (item, e)), now, ct);
        await SaveAsync(ct);
        return result;
    }

    private async Task<Run> LoadAsync(Guid runId, CancellationToken ct) =>
        await db.Runs.ForChange().SingleOrDefaultAsync(r => r.Id == runId, ct)
        ?? throw new RuleViolationException(RunRules.NotFound, RuleViolationKind.NotFound, $"there is no run {runId}");

    private async Task SaveAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException ex)
            {
                db.DiscardQueuedAudit();
                throw new RunChangeConflictException(ex);
            }
            catch (DbUpdateException) when (attempt == 1 && db.ChangeTracker.Entries<EvidenceBlob>().Any(e => e.State == EntityState.Added))
            {
                // The same bytes were stored by a concurrent upload; drop our copy and save the rest once more.
                if (!await evidenceStore.UnstageStoredAsync(ct))
                {
                    db.DiscardQueuedAudit();
                    throw;
                }
            }
            catch
            {
                db.DiscardQueuedAudit();
                throw;
            }
        }
    }

    private async Task<UserRef?> ResolveUserAsync(string? idOrEmail, string what, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idOrEmail)) return null;
        var key = idOrEmail.Trim();
        var normalized = key.ToUpperInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == key || u.NormalizedEmail == normalized || u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, u.UserName, u.IsActive })
            .FirstOrDefaultAsync(ct)
            ?? throw Invalid($"the {what} '{key}' is not a user: give a user's id or email");
        if (!user.IsActive) throw Invalid($"the {what} '{key}' is deactivated");
        return new UserRef(user.Id, user.UserName ?? user.Id);
    }

    private static (DeployMethod Method, GitOpsTool? Tool) ParseDeploy(DeployInput? input)
    {
        var kind = input?.Kind?.Trim().ToLowerInvariant();
        switch (kind)
        {
            case null or "" or "kubectl-apply" or "kubectl":
                return (DeployMethod.KubectlApply(), null);
            case "helm":
                if (string.IsNullOrWhiteSpace(input!.Chart))
                    throw Invalid("a Helm deploy needs the chart reference (for example oci://registry.example.com/charts/shop) so the runbook can name it");
                return (DeployMethod.Helm(input.Name ?? ""), null);
            case "gitops" or "gitops-argo" or "gitops-flux" or "argo" or "flux":
                var toolName = kind switch { "gitops-flux" or "flux" => "flux", "gitops-argo" or "argo" => "argo", _ => input!.Tool?.Trim().ToLowerInvariant() ?? "argo" };
                GitOpsTool tool = toolName switch
                {
                    "argo" or "argocd" or "argo-cd" => GitOpsTool.Argo,
                    "flux" => GitOpsTool.Flux,
                    _ => throw Invalid($"a GitOps tool is argo or flux, not '{input!.Tool}'"),
                };
                return (DeployMethod.GitOps(input!.Name ?? ""), tool);
            default:
                throw Invalid($"a deploy method is helm, kubectl-apply or gitops, not '{input!.Kind}'");
        }
    }

    private static EvidenceDraft Draft(EvidenceInput input) => input.Kind?.Trim().ToLowerInvariant() switch
    {
        "link" => EvidenceDraft.Link(input.Url ?? "", input.Text),
        "note" => EvidenceDraft.Note(input.Text ?? ""),
        "file" when input.File is { } file => EvidenceDraft.File(file.FileName, file.Sha256, file.SizeBytes, file.ContentType, EvidenceStore.KeyFor(file.Sha256)),
        "file" => throw new RuleViolationException(RunRules.Evidence, RuleViolationKind.Invalid, "choose a file to upload"),
        _ => throw new RuleViolationException(RunRules.Evidence, RuleViolationKind.Invalid,
            $"evidence is a link, a note or a file, not '{input.Kind}'"),
    };

    private static object ItemAudit(RunItem item) => new
    {
        state = item.State.ToApiName(),
        detail = item.StateDetail,
        assignee = item.AssigneeName,
        item.DueAt,
        activeEvidence = item.Evidence.Count(e => e.IsActive),
        waiver = item.OpenWaiver?.Status.ToString().ToLowerInvariant(),
    };

    private static object RunAudit(Run run) => new { state = run.State.ToApiName(), decision = run.CurrentDecision?.Outcome.ToApiName() };

    private static object Describe(ItemEvent e) => new { action = e.Action.ToString(), from = e.FromState.ToApiName(), to = e.ToState.ToApiName(), e.Detail };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static RuleViolationException Invalid(string detail) => new(RunRules.Input, RuleViolationKind.Invalid, detail);
}
