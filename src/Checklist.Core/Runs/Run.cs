using Checklist.Core.Probes;

namespace Checklist.Core.Runs;

/// <summary>
/// One release of one service into one environment, checked against a snapshot of a template version.
/// The run is the consistency boundary: every change goes through a method here, checks the run's state and
/// the actor's role, and increments <see cref="RowVersion"/> (and the item's), so two concurrent changes of
/// the same run conflict in the database instead of both winning.
/// </summary>
public sealed class Run
{
    /// <summary>Items are due this long before the planned go-live, leaving time for the decision meeting.</summary>
    public static readonly TimeSpan DueBeforeGoLive = TimeSpan.FromDays(2);

    private readonly List<RunItem> _items = [];
    private readonly List<Decision> _decisions = [];

    private Run() { }

    public Guid Id { get; private set; }
    public string TemplateId { get; private set; } = "";
    public string TemplateVersionHash { get; private set; } = "";
    public string Service { get; private set; } = "";
    /// <summary>The version being released (named so to keep <see cref="RowVersion"/> unambiguous).</summary>
    public string ReleaseVersion { get; private set; } = "";
    public string Environment { get; private set; } = "";
    public RunTarget Target { get; private set; } = null!;
    public DeployMethod DeployMethod { get; private set; } = null!;
    public DateTimeOffset? PlannedGoLive { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public bool RequiresFourEyesDecision { get; private set; }
    public RunState State { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelledById { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Concurrency token: incremented by every change of the run or any of its items.</summary>
    public int RowVersion { get; private set; }

    public IReadOnlyList<RunItem> Items => _items;
    /// <summary>Every decision in the order recorded; the last one is the one that counts.</summary>
    public IReadOnlyList<Decision> Decisions => _decisions;
    public Decision? CurrentDecision => _decisions.Count == 0 ? null : _decisions[^1];

    public static Run Create(
        string templateId,
        string templateVersionHash,
        IEnumerable<RunItemDefinition> items,
        string service,
        string version,
        string environment,
        RunTarget target,
        DateTimeOffset? plannedGoLive,
        UserRef owner,
        Actor createdBy,
        DeployMethod deployMethod,
        DateTimeOffset now,
        bool? requiresFourEyesDecision = null)
    {
        Permissions.Require(createdBy, "create a run", allowSystem: false, Role.ReleaseManager);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(deployMethod);
        if (target.ClusterId is null && !target.HasManifests)
            throw Invalid("a run needs a target: a registered cluster, an uploaded manifest bundle, or both");
        if (target.ClusterId is not null && string.IsNullOrWhiteSpace(target.Namespace))
            throw Invalid("a run on a cluster needs the namespace to check");
        if (string.IsNullOrWhiteSpace(owner.Id)) throw Invalid("a run needs an owner");

        now = now.ToUniversalTime();
        var run = new Run
        {
            Id = Guid.NewGuid(),
            TemplateId = Text(templateId, "template id"),
            TemplateVersionHash = Text(templateVersionHash, "template version hash"),
            Service = Text(service, "service"),
            ReleaseVersion = Text(version, "version"),
            Environment = Text(environment, "environment"),
            Target = target,
            DeployMethod = deployMethod,
            PlannedGoLive = plannedGoLive?.ToUniversalTime(),
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            CreatedById = createdBy.Id,
            CreatedByName = createdBy.Name,
            CreatedAt = now,
            UpdatedAt = now,
            RequiresFourEyesDecision = requiresFourEyesDecision ?? EnvironmentPolicy.RequiresFourEyesByDefault(environment),
            State = RunState.Draft,
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in items)
        {
            if (string.IsNullOrWhiteSpace(definition.ItemId)) throw Invalid($"item {run._items.Count + 1} has no id");
            if (string.IsNullOrWhiteSpace(definition.Title)) throw Invalid($"item '{definition.ItemId}' has no title");
            if (!seen.Add(definition.ItemId.Trim())) throw Invalid($"item id '{definition.ItemId}' appears twice");
            if (definition.Verification == VerificationKind.Probe && string.IsNullOrWhiteSpace(definition.ProbeId))
                throw Invalid($"item '{definition.ItemId}' is verified by a probe but names none");
            run._items.Add(new RunItem(definition, run._items.Count, run.DefaultDueAt));
        }
        if (run._items.Count == 0) throw Invalid("a run needs at least one item");
        return run;
    }

    private DateTimeOffset? DefaultDueAt => PlannedGoLive - DueBeforeGoLive;

    public RunItem Item(string itemId) =>
        _items.FirstOrDefault(i => i.ItemId == itemId)
        ?? throw new RuleViolationException(RunRules.NotFound, RuleViolationKind.NotFound,
            $"run {Id} has no item '{itemId}'");

    public GateEvaluation EvaluateGate(DateTimeOffset now) => GateEvaluation.Evaluate(_items, now.ToUniversalTime());

    // ---- run lifecycle -------------------------------------------------------------------------------

    public void Start(Actor actor, DateTimeOffset now)
    {
        Permissions.Require(actor, "start a run", allowSystem: false, Role.ReleaseManager, Role.Engineer);
        RequireState("start", RunState.Draft);
        MarkStarted(now.ToUniversalTime());
        Touch(now);
    }

    public void Cancel(Actor actor, string reason, DateTimeOffset now)
    {
        Permissions.Require(actor, "cancel a run", allowSystem: false, Role.ReleaseManager);
        if (string.IsNullOrWhiteSpace(reason)) throw Invalid("cancelling a run needs a reason");
        RequireState("cancel", RunState.Draft, RunState.InProgress, RunState.Decided);
        State = RunState.Cancelled;
        CancelledAt = now.ToUniversalTime();
        CancelledById = actor.Id;
        CancelReason = reason.Trim();
        Touch(now);
    }

    /// <summary>Closes a run whose go decision stands (not stale), after the release went live.</summary>
    public void Complete(Actor actor, DateTimeOffset now)
    {
        Permissions.Require(actor, "complete a run", allowSystem: false, Role.ReleaseManager);
        RequireState("complete", RunState.Decided);
        if (CurrentDecision is { Stale: true } stale)
            throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
                $"cannot complete the run: its go decision is stale ({stale.StaleReason}); reopen it and decide again");
        State = RunState.Completed;
        CompletedAt = now.ToUniversalTime();
        Touch(now);
    }

    /// <summary>The only way back from Decided: after drift made the go decision stale, work resumes and a new decision follows.</summary>
    public void ReopenStaleDecision(Actor actor, string reason, DateTimeOffset now)
    {
        Permissions.Require(actor, "reopen a decided run", allowSystem: false, Role.ReleaseManager);
        if (string.IsNullOrWhiteSpace(reason)) throw Invalid("reopening a decided run needs a reason");
        RequireState("reopen", RunState.Decided);
        if (CurrentDecision is not { Stale: true })
            throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
                "a decided run is reopened only when drift has made its decision stale; this decision stands");
        State = RunState.InProgress;
        Touch(now);
    }

    public void Reschedule(Actor actor, DateTimeOffset? plannedGoLive, DateTimeOffset now)
    {
        Permissions.Require(actor, "reschedule a run", allowSystem: false, Role.ReleaseManager);
        RequireState("reschedule", RunState.Draft, RunState.InProgress, RunState.Decided);
        PlannedGoLive = plannedGoLive?.ToUniversalTime();
        foreach (var item in _items) item.Reschedule(DefaultDueAt);
        Touch(now);
    }

    /// <summary>Records that a manifest bundle was uploaded (PUT .../manifests), so verification can read it.</summary>
    public void MarkManifestsUploaded(Actor actor, DateTimeOffset now)
    {
        Permissions.Require(actor, "upload manifests", allowSystem: false, Role.Engineer, Role.ReleaseManager);
        EnsureItemsChangeable("upload manifests to", now);
        Target = Target with { HasManifests = true };
        Touch(now);
    }

    // ---- items ---------------------------------------------------------------------------------------

    /// <summary>
    /// Applies a probe's verdict. Accepted while the run is decided too, because that is how drift after a go
    /// decision is seen: an item regressing from passed to failed marks the decision stale.
    /// </summary>
    public ProbeResultOutcome RecordProbeResult(string itemId, ProbeVerdict verdict, string summary, string? evidenceRef, DateTimeOffset at, Actor? actor = null)
    {
        actor ??= Actor.System();
        RequireState("record a probe result on", RunState.Draft, RunState.InProgress, RunState.Decided);
        var outcome = Item(itemId).RecordProbeResult(actor, verdict, summary, evidenceRef, at.ToUniversalTime());
        if (State == RunState.Draft) MarkStarted(at.ToUniversalTime());
        var stale = outcome.Regressed && MarkDecisionStale($"item '{itemId}' regressed to failed: {summary}", at);
        Touch(at);
        return outcome with { DecisionMarkedStale = stale };
    }

    public Evidence AddEvidence(string itemId, Actor actor, EvidenceDraft draft, DateTimeOffset at) =>
        Change(itemId, actor, "attach evidence to", at, (item, a, t) => item.AddEvidence(a, draft, t));

    public Evidence SupersedeEvidence(string itemId, Guid evidenceId, Actor actor, EvidenceDraft replacement, DateTimeOffset at) =>
        Change(itemId, actor, "supersede evidence on", at, (item, a, t) => item.SupersedeEvidence(a, evidenceId, replacement, t));

    public ItemEvent SignOff(string itemId, Actor actor, string? comment, DateTimeOffset at) =>
        Change(itemId, actor, "sign off", at, (item, a, t) => item.SignOff(a, comment, t));

    public ItemEvent MarkNotApplicable(string itemId, Actor actor, string reason, DateTimeOffset at) =>
        Change(itemId, actor, "mark not applicable", at, (item, a, t) => item.MarkNotApplicable(a, reason, t));

    public Waiver RequestWaiver(string itemId, Actor actor, string justification, DateTimeOffset expiresAt, DateTimeOffset at) =>
        Change(itemId, actor, "request a waiver for", at, (item, a, t) => item.RequestWaiver(a, justification, expiresAt, t));

    /// <summary>
    /// An object's exemption annotation (found by a probe) asks for a waiver in the system's name: the only waiver the
    /// system may request. A person still approves or rejects it, so an exemption is never a silent pass.
    /// </summary>
    public Waiver RequestExemptionWaiver(string itemId, string reason, DateTimeOffset expiresAt, DateTimeOffset at) =>
        Change(itemId, Actor.System(), "request a waiver for", at, (item, a, t) => item.RequestWaiver(a, $"Exemption annotation: {reason}", expiresAt, t, fromExemption: true));

    public ItemEvent ApproveWaiver(string itemId, Actor actor, string? comment, DateTimeOffset at) =>
        Change(itemId, actor, "approve a waiver for", at, (item, a, t) => item.ApproveWaiver(a, comment, t));

    public ItemEvent RejectWaiver(string itemId, Actor actor, string? comment, DateTimeOffset at) =>
        Change(itemId, actor, "reject a waiver for", at, (item, a, t) => item.RejectWaiver(a, comment, t));

    public ItemEvent Assign(string itemId, Actor actor, UserRef? assignee, DateTimeOffset at) =>
        Change(itemId, actor, "assign", at, (item, a, t) => item.Assign(a, assignee, t));

    /// <summary>Sets an item's due date by hand; null returns it to the default (planned go-live minus <see cref="DueBeforeGoLive"/>).</summary>
    public ItemEvent SetDueDate(string itemId, Actor actor, DateTimeOffset? dueAt, DateTimeOffset at) =>
        Change(itemId, actor, "set the due date of", at, (item, a, t) => item.SetDueDate(a, dueAt, DefaultDueAt, t));

    public ItemEvent Reopen(string itemId, Actor actor, string reason, DateTimeOffset at) =>
        Change(itemId, actor, "reopen", at, (item, a, t) => item.Reopen(a, reason, t));

    /// <summary>
    /// Run by the system on a schedule: waivers whose time is up close, and waived items go back to pending.
    /// When that reopens a required item under a go decision, the decision turns stale.
    /// </summary>
    public IReadOnlyList<ItemEvent> ExpireWaivers(DateTimeOffset now)
    {
        if (State is RunState.Completed or RunState.Cancelled) return [];
        now = now.ToUniversalTime();
        var events = new List<ItemEvent>();
        foreach (var item in _items)
        {
            if (item.ExpireWaiver(now) is not { } e) continue;
            events.Add(e);
            if (item.Required && e.FromState == RunItemState.Waived && e.ToState == RunItemState.Pending)
                MarkDecisionStale($"the waiver of required item '{item.ItemId}' expired", now);
        }
        if (events.Count > 0) Touch(now);
        return events;
    }

    // ---- decision ------------------------------------------------------------------------------------

    /// <summary>
    /// Records go or no-go. Go needs the gate open (else <see cref="GateBlockedException"/>, HTTP 409) and, where
    /// the environment asks for four eyes, a decider other than the run's creator (HTTP 403). Go moves the run
    /// to Decided; no-go is recorded and leaves it in progress so the team can fix items and decide again.
    /// </summary>
    public Decision RecordDecision(Actor actor, GateDecision outcome, string? comment, DateTimeOffset now)
    {
        Permissions.Require(actor, "record the go-live decision", allowSystem: false, Role.ReleaseManager);
        RequireState("record a decision on", RunState.Draft, RunState.InProgress);
        now = now.ToUniversalTime();
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        GateEvaluation? gate = null;
        if (outcome == GateDecision.Go)
        {
            // Four-eyes guards against one person pushing a release live; stopping one is always allowed.
            if (RequiresFourEyesDecision && actor.Id == CreatedById)
                throw new RuleViolationException(RunRules.FourEyes, RuleViolationKind.Forbidden,
                    $"in {Environment} the go-live decision is by a release manager other than the run's creator ({CreatedByName})");
            gate = EvaluateGate(now);
            if (!gate.IsGo) throw new GateBlockedException(gate);
        }
        else if (comment is null)
        {
            throw Invalid("a no-go decision needs a comment saying what must change");
        }

        var decision = new Decision(outcome, actor, comment, gate?.Waived.Select(w => w.ItemId) ?? [], now);
        _decisions.Add(decision);
        if (State == RunState.Draft) MarkStarted(now);
        if (outcome == GateDecision.Go) State = RunState.Decided;
        Touch(now);
        return decision;
    }

    /// <summary>Stores the runbook rendered at the go decision with its SHA-256 (lowercase hex of the UTF-8 text); once only.</summary>
    public void FreezeRunbook(string markdown, string sha256, DateTimeOffset at)
    {
        if (CurrentDecision is not { Outcome: GateDecision.Go, Stale: false } decision || State != RunState.Decided)
            throw new RuleViolationException(RunRules.Runbook, RuleViolationKind.Conflict,
                "the runbook is frozen at a go decision that stands, and this run has none");
        decision.FreezeRunbook(markdown, sha256, at.ToUniversalTime());
        Touch(at);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private T Change<T>(string itemId, Actor actor, string action, DateTimeOffset at, Func<RunItem, Actor, DateTimeOffset, T> change)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsReadOnly) throw Permissions.ReadOnly(actor, $"{action} item '{itemId}'");
        var item = Item(itemId);
        EnsureItemsChangeable($"{action} item '{itemId}' of", at);
        var result = change(item, actor, at.ToUniversalTime());
        if (State == RunState.Draft) MarkStarted(at.ToUniversalTime());
        Touch(at);
        return result;
    }

    private void EnsureItemsChangeable(string action, DateTimeOffset at)
    {
        if (State is RunState.Draft or RunState.InProgress) return;
        var hint = State == RunState.Decided
            ? "; a decided run changes only after drift made its decision stale and it is reopened"
            : "";
        throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
            $"cannot {action} a run that is {State.ToApiName()}{hint}");
    }

    private bool MarkDecisionStale(string reason, DateTimeOffset at) =>
        State == RunState.Decided && CurrentDecision is { } d && d.MarkStale(reason, at.ToUniversalTime());

    private void MarkStarted(DateTimeOffset at)
    {
        State = RunState.InProgress;
        StartedAt ??= at;
    }

    private void RequireState(string action, params RunState[] allowed)
    {
        if (allowed.Contains(State)) return;
        throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
            $"cannot {action} a run that is {State.ToApiName()}; allowed when {string.Join(" or ", allowed.Select(s => s.ToApiName()))}");
    }

    private void Touch(DateTimeOffset at)
    {
        UpdatedAt = at.ToUniversalTime();
        RowVersion++;
    }

    private static string Text(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"a run needs a {what}") : value.Trim();

    private static RuleViolationException Invalid(string detail) => new(RunRules.Input, RuleViolationKind.Invalid, detail);
}
