using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Runs;

namespace Checklist.Web.Api;

/// <summary>The JSON shapes of the runs API (DESIGN.md's contract): camelCase, states spelled as the API spells them.</summary>
public static class RunsApiModels
{
    public sealed record DeployMethodRequest(string? Kind, string? Name, string? Chart, string? ChartVersion, string? ValuesFile,
        string? Tool, string? ToolNamespace, string? BundleFile);

    public sealed record CreateRunRequest(string? TemplateId, string? Service, string? Version, string? Environment, Guid? ClusterId,
        string? Namespace, string? Selector, DateTimeOffset? PlannedGoLive, string? Owner, DeployMethodRequest? DeployMethod);

    /// <summary><c>kind</c> is <c>link</c> (with <c>url</c>, optional <c>text</c> as its title) or <c>note</c> (with <c>text</c>); <c>supersedes</c> replaces earlier evidence.</summary>
    public sealed record EvidenceRequest(string? Kind, string? Url, string? Text, Guid? Supersedes);
    public sealed record SignOffRequest(string? Comment);
    public sealed record NotApplicableRequest(string? Reason);
    public sealed record WaiverRequest(string? Justification, DateTimeOffset? ExpiresAt);
    public sealed record WaiverDecisionRequest(string? Comment);
    /// <summary><c>userId</c> is a user's id or email; null or blank unassigns the item.</summary>
    public sealed record AssignRequest(string? UserId);
    /// <summary><c>decision</c> is <c>go</c> or <c>no-go</c>.</summary>
    public sealed record DecisionRequest(string? Decision, string? Comment);
    /// <summary>The reason for cancelling or reopening a run.</summary>
    public sealed record CancelRequest(string? Reason);

    public sealed record PersonResponse(string Id, string Name);
    public sealed record TargetResponse(Guid? ClusterId, string? Namespace, string? Selector, bool HasManifests);
    public sealed record DeployMethodResponse(string Kind, string? Name, string? Chart, string? ChartVersion, string? ValuesFile,
        string? Tool, string? ToolNamespace, string? BundleFile);
    public sealed record ProgressResponse(int Required, int Satisfied);

    public sealed record RunSummaryResponse(Guid Id, string TemplateId, string Service, string Version, string Environment, string State,
        DateTimeOffset? PlannedGoLive, string Owner, DateTimeOffset CreatedAt, ProgressResponse Progress);

    public sealed record RunListResponse(IReadOnlyList<RunSummaryResponse> Runs, int Total, int Page, int PageSize);

    public sealed record EvidenceResponse(Guid Id, string Kind, string? FileName, string? Sha256, long? SizeBytes, string? ContentType,
        string? Url, string? Text, string Author, DateTimeOffset AddedAt, bool Active, DateTimeOffset? SupersededAt, Guid? SupersededBy, string? Download);

    public sealed record WaiverResponse(Guid Id, string Status, string Justification, DateTimeOffset ExpiresAt, string RequestedBy,
        DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment);

    /// <summary><c>verification</c> is <c>probe</c> (then <c>probe</c> names it) or <c>manual</c>; <c>waiver</c> is the open (requested or approved) one.</summary>
    public sealed record ItemResponse(string Id, string Title, string Section, string State, bool Required, string Verification, string? Probe,
        string? StateDetail, PersonResponse? Assignee, DateTimeOffset? DueAt, bool Overdue, string? Signoff, IReadOnlyList<string> EvidenceNeeded,
        bool FourEyes, IReadOnlyList<EvidenceResponse> Evidence, WaiverResponse? Waiver, IReadOnlyList<WaiverResponse> Waivers,
        IReadOnlyList<string> Sources, string Guidance, int RowVersion);

    public sealed record DecisionResponse(Guid Id, string Decision, string By, DateTimeOffset At, string? Comment, IReadOnlyList<string> Waived,
        bool Stale, string? StaleReason, string? RunbookSha256, DateTimeOffset? RunbookFrozenAt);

    public sealed record RunResponse(Guid Id, string TemplateId, string TemplateVersionHash, string Service, string Version, string Environment,
        string State, TargetResponse Target, DeployMethodResponse DeployMethod, DateTimeOffset? PlannedGoLive, PersonResponse Owner,
        PersonResponse CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool RequiresFourEyesDecision, DateTimeOffset? StartedAt,
        DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt, string? CancelReason, ProgressResponse Progress, DecisionResponse? Decision,
        IReadOnlyList<DecisionResponse> Decisions, IReadOnlyList<ItemResponse> Items, int RowVersion);

    public sealed record BlockingResponse(string ItemId, string Title, string State, string Cause, string Reason);
    public sealed record WaivedResponse(string ItemId, string Title, Guid WaiverId, string Justification, string RequestedBy, string? ApprovedBy, DateTimeOffset ExpiresAt);
    public sealed record GateResponse(string Decision, IReadOnlyList<BlockingResponse> Blocking, IReadOnlyList<WaivedResponse> Waived,
        IReadOnlyList<BlockingResponse> OpenOptional, DateTimeOffset EvaluatedAt);

    public sealed record ItemEventResponse(Guid Id, DateTimeOffset At, string Actor, string Action, string From, string To, string? Detail);
    public sealed record AuditEventResponse(long Seq, DateTimeOffset At, string ActorId, string ActorName, string ActorType, string Action,
        string EntityType, string EntityId, JsonElement? Before, JsonElement? After, string CorrelationId, string PreviousHash, string Hash);

    public static RunSummaryResponse ToResponse(RunListRow r) => new(r.Id, r.TemplateId, r.Service, r.Version, r.Environment, r.State.ToApiName(),
        r.PlannedGoLive, r.OwnerName, r.CreatedAt, new ProgressResponse(r.RequiredItems, r.SatisfiedRequiredItems));

    public static RunResponse ToResponse(Run run, RunDeployment? deployment, DateTimeOffset now) => new(
        run.Id, run.TemplateId, run.TemplateVersionHash, run.Service, run.ReleaseVersion, run.Environment, run.State.ToApiName(),
        new TargetResponse(run.Target.ClusterId, run.Target.Namespace, run.Target.Selector, run.Target.HasManifests),
        new DeployMethodResponse(DeployKindName(run.DeployMethod.Kind), run.DeployMethod.Name, deployment?.HelmChart, deployment?.HelmChartVersion,
            deployment?.HelmValuesFile, deployment?.GitOpsTool?.ToString().ToLowerInvariant(), deployment?.GitOpsNamespace, deployment?.BundleFile),
        run.PlannedGoLive, new PersonResponse(run.OwnerId, run.OwnerName), new PersonResponse(run.CreatedById, run.CreatedByName),
        run.CreatedAt, run.UpdatedAt, run.RequiresFourEyesDecision, run.StartedAt, run.CompletedAt, run.CancelledAt, run.CancelReason,
        new ProgressResponse(run.Items.Count(i => i.Required), run.Items.Count(i => i.Required && i.IsSatisfied(now))),
        run.CurrentDecision is { } current ? ToResponse(current) : null,
        run.Decisions.Select(ToResponse).ToList(),
        run.Items.Select(i => ToResponse(run.Id, i, now)).ToList(),
        run.RowVersion);

    public static ItemResponse ToResponse(Guid runId, RunItem item, DateTimeOffset now) => new(
        item.ItemId, item.Title, item.Section, item.State.ToApiName(), item.Required,
        item.Verification == VerificationKind.Probe ? "probe" : "manual", item.ProbeId, item.StateDetail,
        item.AssigneeId is null ? null : new PersonResponse(item.AssigneeId, item.AssigneeName ?? item.AssigneeId),
        item.DueAt, item.IsOverdue(now),
        item.Verification == VerificationKind.Manual ? (item.SignoffRole == SignoffRole.ReleaseManager ? "release-manager" : "engineer") : null,
        item.EvidenceNeeded.Select(k => k.ToString().ToLowerInvariant()).ToList(), item.FourEyes,
        item.Evidence.Select(e => ToResponse(runId, item.ItemId, e)).ToList(),
        item.OpenWaiver is { } open ? ToResponse(open) : null,
        item.Waivers.Select(ToResponse).ToList(),
        item.Sources, item.Guidance, item.RowVersion);

    public static EvidenceResponse ToResponse(Guid runId, string itemId, Evidence e) => new(
        e.Id, e.Kind.ToString().ToLowerInvariant(), e.FileName, e.Sha256, e.SizeBytes, e.ContentType, e.Url, e.Text, e.AuthorName, e.AddedAt,
        e.IsActive, e.SupersededAt, e.SupersededById,
        e.Kind == EvidenceKind.File ? $"/api/v1/runs/{runId}/items/{Uri.EscapeDataString(itemId)}/evidence/{e.Id}/file" : null);

    public static WaiverResponse ToResponse(Waiver w) => new(w.Id, w.Status.ToString().ToLowerInvariant(), w.Justification, w.ExpiresAt,
        w.RequestedByName, w.RequestedAt, w.DecidedByName, w.DecidedAt, w.DecisionComment);

    public static DecisionResponse ToResponse(Decision d) => new(d.Id, d.Outcome.ToApiName(), d.DeciderName, d.DecidedAt, d.Comment,
        d.WaivedItemIds, d.Stale, d.StaleReason, d.RunbookSha256, d.RunbookFrozenAt);

    public static GateResponse ToResponse(GateEvaluation gate) => new(
        gate.Decision.ToApiName(),
        gate.Blocking.Select(ToResponse).ToList(),
        gate.Waived.Select(w => new WaivedResponse(w.ItemId, w.Title, w.WaiverId, w.Justification, w.RequestedBy, w.ApprovedBy, w.ExpiresAt)).ToList(),
        gate.OpenOptional.Select(ToResponse).ToList(),
        gate.EvaluatedAt);

    public static ItemEventResponse ToResponse(ItemEvent e) => new(e.Id, e.At, e.ActorName, e.Action.ToString(), e.FromState.ToApiName(), e.ToState.ToApiName(), e.Detail);

    public static AuditEventResponse ToResponse(AuditEvent e) => new(e.Seq, e.At, e.ActorId, e.ActorName, e.ActorType.ToString().ToLowerInvariant(),
        e.Action, e.EntityType, e.EntityId, Parse(e.Before), Parse(e.After), e.CorrelationId, e.PreviousHash, e.Hash);

    public static string DeployKindName(DeployMethodKind kind) => kind switch
    {
        DeployMethodKind.Helm => "helm",
        DeployMethodKind.GitOps => "gitops",
        _ => "kubectl-apply",
    };

    private static BlockingResponse ToResponse(BlockingItem b) => new(b.ItemId, b.Title, b.State.ToApiName(), CauseName(b.Cause), b.Reason);

    private static string CauseName(BlockCause cause) => cause switch
    {
        BlockCause.NotVerified => "not-verified",
        BlockCause.AwaitingSignOff => "awaiting-sign-off",
        BlockCause.Failed => "failed",
        BlockCause.Error => "error",
        BlockCause.WaiverNotApproved => "waiver-not-approved",
        _ => "waiver-expired",
    };

    private static JsonElement? Parse(string? json)
    {
        if (json is null) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Events are stored as text; one that is not JSON is returned as a JSON string of that text.
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
