using Checklist.Core.Probes;

namespace Checklist.Core.Runs;

/// <summary>What a probe result did to its item; <see cref="Regressed"/> is drift from a verified state to Failed.</summary>
public sealed record ProbeResultOutcome(ItemEvent Event, bool Regressed, bool DecisionMarkedStale);

/// <summary>
/// One item of a run: its snapshot of the template item, its state, evidence, waivers and history. Changes go
/// through <see cref="Run"/>, which checks the run's state first; the rules of the item itself live here.
/// </summary>
public sealed class RunItem
{
    // Primitive collections are not readonly: EF assigns their backing fields when it materialises the item.
    private List<string> _sources = [];
    private List<EvidenceKind> _evidenceNeeded = [];
    private List<string> _runbookSections = [];
    private readonly List<Evidence> _evidence = [];
    private readonly List<Waiver> _waivers = [];
    private readonly List<ItemEvent> _history = [];

    private RunItem() { }

    internal RunItem(RunItemDefinition definition, int position, DateTimeOffset? dueAt)
    {
        Id = Guid.NewGuid();
        ItemId = definition.ItemId.Trim();
        Position = position;
        Section = definition.Section ?? "";
        Title = definition.Title;
        Guidance = definition.Guidance ?? "";
        _sources.AddRange(definition.Sources ?? []);
        Required = definition.Required;
        Verification = definition.Verification;
        ProbeId = definition.ProbeId;
        ProbeParametersJson = definition.ProbeParametersJson;
        _evidenceNeeded.AddRange((definition.EvidenceNeeded ?? []).Distinct());
        SignoffRole = definition.SignoffRole;
        FourEyes = definition.FourEyes;
        _runbookSections.AddRange(definition.RunbookSections ?? []);
        AppliesWhen = definition.AppliesWhen;
        State = RunItemState.Pending;
        DueAt = dueAt;
    }

    public Guid Id { get; private set; }
    /// <summary>The template's stable item id; unique within the run and used in the API's URLs.</summary>
    public string ItemId { get; private set; } = "";
    public int Position { get; private set; }
    public string Section { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Guidance { get; private set; } = "";
    public IReadOnlyList<string> Sources => _sources;
    public bool Required { get; private set; }
    public VerificationKind Verification { get; private set; }
    public string? ProbeId { get; private set; }
    public string? ProbeParametersJson { get; private set; }
    public IReadOnlyList<EvidenceKind> EvidenceNeeded => _evidenceNeeded;
    public SignoffRole SignoffRole { get; private set; }
    public bool FourEyes { get; private set; }
    public IReadOnlyList<string> RunbookSections => _runbookSections;
    public string? AppliesWhen { get; private set; }

    public RunItemState State { get; private set; }
    /// <summary>Why the item is in its state: the probe's summary, the not-applicable reason, the sign-off comment.</summary>
    public string? StateDetail { get; private set; }
    public DateTimeOffset? StateChangedAt { get; private set; }
    public string? StateChangedById { get; private set; }
    public string? StateChangedByName { get; private set; }
    /// <summary>The last state a probe actually verified (Passed or Failed); an Error never overwrites it.</summary>
    public RunItemState? LastVerifiedState { get; private set; }
    public DateTimeOffset? LastVerifiedAt { get; private set; }
    public ProbeVerdict? LastProbeVerdict { get; private set; }
    public DateTimeOffset? LastProbeAt { get; private set; }
    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    /// <summary>True once a release manager set the due date by hand; rescheduling the go-live then leaves it alone.</summary>
    public bool DueAtSetByHand { get; private set; }
    /// <summary>Concurrency token: incremented by every change of this item.</summary>
    public int RowVersion { get; private set; }

    public IReadOnlyList<Evidence> Evidence => _evidence;
    public IReadOnlyList<Waiver> Waivers => _waivers;
    public IReadOnlyList<ItemEvent> History => _history;

    /// <summary>The waiver that is requested or in force, if any; at most one is open at a time.</summary>
    public Waiver? OpenWaiver
    {
        get
        {
            for (var i = _waivers.Count - 1; i >= 0; i--)
                if (_waivers[i].IsOpen) return _waivers[i];
            return null;
        }
    }

    public IEnumerable<Evidence> ActiveEvidence => _evidence.Where(e => e.IsActive);

    public bool IsOverdue(DateTimeOffset now) => DueAt is { } due && now > due && !IsSatisfied(now);

    /// <summary>Satisfied means the gate does not hold this item against a go decision.</summary>
    public bool IsSatisfied(DateTimeOffset now) => State switch
    {
        RunItemState.Passed or RunItemState.SignedOff or RunItemState.NotApplicable => true,
        RunItemState.Waived => OpenWaiver is { Status: WaiverStatus.Approved } w && !w.HasExpired(now),
        _ => false,
    };

    // A person's not-applicable or an approved waiver is a judgement a probe must not silently overturn.
    private bool StateHeldByPerson =>
        State == RunItemState.Waived || (State == RunItemState.NotApplicable && NotApplicableByPerson);

    /// <summary>True when a person (not a probe) marked the item not applicable; probe results then leave it so.</summary>
    public bool NotApplicableByPerson { get; private set; }

    internal ProbeResultOutcome RecordProbeResult(Actor actor, ProbeVerdict verdict, string summary, string? evidenceRef, DateTimeOffset at)
    {
        Permissions.Require(actor, $"record a probe result on item '{ItemId}'", allowSystem: true, Role.Engineer, Role.ReleaseManager);
        if (Verification != VerificationKind.Probe)
            throw new RuleViolationException(RunRules.Verification, RuleViolationKind.Conflict,
                $"item '{ItemId}' is verified by a person's sign-off, not by a probe, so it takes no probe result");
        summary = string.IsNullOrWhiteSpace(summary) ? verdict.ToString() : summary.Trim();

        if (!string.IsNullOrWhiteSpace(evidenceRef))
        {
            var evidence = new Evidence(EvidenceDraft.Probe(summary, evidenceRef.Trim()), actor, at);
            foreach (var old in _evidence.Where(e => e.Kind == EvidenceKind.Probe && e.IsActive))
                old.Supersede(evidence.Id, actor, at);
            _evidence.Add(evidence);
        }
        LastProbeVerdict = verdict;
        LastProbeAt = at;

        var from = State;
        if (StateHeldByPerson)
        {
            var kept = Record(at, actor, ItemAction.ProbeResult, from, from,
                $"{verdict}: {summary} (state kept: {from.ToApiName()} by {StateChangedByName})");
            return new ProbeResultOutcome(kept, false, false);
        }

        var regressed = verdict == ProbeVerdict.Failed
            && (from is RunItemState.Passed or RunItemState.SignedOff
                || (from == RunItemState.Error && LastVerifiedState == RunItemState.Passed));
        var to = verdict switch
        {
            ProbeVerdict.Passed => RunItemState.Passed,
            ProbeVerdict.Failed => RunItemState.Failed,
            ProbeVerdict.NotApplicable => RunItemState.NotApplicable,
            _ => RunItemState.Error,
        };
        // Error is not failure: the earlier verified state stays in LastVerifiedState and in the history.
        if (to is RunItemState.Passed or RunItemState.Failed)
        {
            LastVerifiedState = to;
            LastVerifiedAt = at;
        }
        SetState(to, summary, actor, at);
        NotApplicableByPerson = false;
        var detail = to == RunItemState.Error && LastVerifiedState is { } last
            ? $"{verdict}: {summary} (last verified {last.ToApiName()} at {LastVerifiedAt:O})"
            : $"{verdict}: {summary}";
        return new ProbeResultOutcome(Record(at, actor, ItemAction.ProbeResult, from, to, detail), regressed, false);
    }

    internal Evidence AddEvidence(Actor actor, EvidenceDraft draft, DateTimeOffset at)
    {
        Permissions.Require(actor, $"attach evidence to item '{ItemId}'", allowSystem: false, Role.Engineer, Role.ReleaseManager);
        ArgumentNullException.ThrowIfNull(draft);
        var evidence = new Evidence(draft, actor, at);
        _evidence.Add(evidence);
        Record(at, actor, ItemAction.EvidenceAdded, State, State, evidence.Describe());
        return evidence;
    }

    internal Evidence SupersedeEvidence(Actor actor, Guid evidenceId, EvidenceDraft replacement, DateTimeOffset at)
    {
        Permissions.Require(actor, $"supersede evidence on item '{ItemId}'", allowSystem: false, Role.Engineer, Role.ReleaseManager);
        ArgumentNullException.ThrowIfNull(replacement);
        var old = _evidence.FirstOrDefault(e => e.Id == evidenceId)
            ?? throw new RuleViolationException(RunRules.NotFound, RuleViolationKind.NotFound,
                $"item '{ItemId}' has no evidence {evidenceId}");
        if (old.Kind == EvidenceKind.Probe)
            throw new RuleViolationException(RunRules.Evidence, RuleViolationKind.Conflict,
                $"probe evidence on item '{ItemId}' is replaced by the next verification, not by a person");
        if (!old.IsActive)
            throw new RuleViolationException(RunRules.Evidence, RuleViolationKind.Conflict,
                $"evidence {evidenceId} on item '{ItemId}' was already superseded at {old.SupersededAt:O}; supersede its replacement instead");
        var evidence = new Evidence(replacement, actor, at);
        old.Supersede(evidence.Id, actor, at);
        _evidence.Add(evidence);

        var from = State;
        var detail = $"{old.Describe()} superseded by {evidence.Describe()}";
        // A sign-off vouched for the evidence as it was; replacing that evidence withdraws the sign-off.
        if (from == RunItemState.SignedOff)
        {
            SetState(RunItemState.Pending, "sign-off withdrawn: its evidence was superseded", actor, at);
            detail += "; sign-off withdrawn";
        }
        Record(at, actor, ItemAction.EvidenceSuperseded, from, State, detail);
        return evidence;
    }

    internal ItemEvent SignOff(Actor actor, string? comment, DateTimeOffset at)
    {
        if (Verification != VerificationKind.Manual)
            throw new RuleViolationException(RunRules.Verification, RuleViolationKind.Conflict,
                $"item '{ItemId}' is verified by probe '{ProbeId}'; only manual items are signed off");
        Permissions.Require(actor, $"sign off item '{ItemId}'", allowSystem: false, SignoffRole.ToRole());
        RequireState("sign off", RunItemState.Pending);

        var active = ActiveEvidence.ToList();
        var missing = _evidenceNeeded.Where(kind => active.All(e => e.Kind != kind)).ToList();
        if (missing.Count > 0)
            throw new RuleViolationException(RunRules.Evidence, RuleViolationKind.Conflict,
                $"item '{ItemId}' needs {string.Join(" and ", missing.Select(k => k.ToString().ToLowerInvariant()))} evidence before sign-off");
        if (FourEyes && active.Count > 0 && active.All(e => e.AuthorId == actor.Id))
            throw new RuleViolationException(RunRules.FourEyes, RuleViolationKind.Forbidden,
                active.Count == 1
                    ? "the signer wrote the item's only evidence; someone else must sign off"
                    : "the signer wrote all of the item's evidence; someone else must sign off");

        var from = State;
        var detail = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        SetState(RunItemState.SignedOff, detail, actor, at);
        return Record(at, actor, ItemAction.SignedOff, from, State, detail);
    }

    internal ItemEvent MarkNotApplicable(Actor actor, string reason, DateTimeOffset at)
    {
        Permissions.Require(actor, $"mark item '{ItemId}' not applicable", allowSystem: false, Role.Engineer, Role.ReleaseManager);
        var why = RequireText(reason, $"marking item '{ItemId}' not applicable needs a reason");
        RequireState("mark not applicable", RunItemState.Pending, RunItemState.Failed, RunItemState.Error);
        var from = State;
        if (OpenWaiver is { Status: WaiverStatus.Requested } request) request.Revoke(at);
        SetState(RunItemState.NotApplicable, why, actor, at);
        NotApplicableByPerson = true;
        return Record(at, actor, ItemAction.MarkedNotApplicable, from, State, why);
    }

    internal Waiver RequestWaiver(Actor actor, string justification, DateTimeOffset expiresAt, DateTimeOffset at, bool fromExemption = false)
    {
        Permissions.Require(actor, $"request a waiver for item '{ItemId}'", allowSystem: fromExemption, Role.Engineer, Role.ReleaseManager);
        var why = RequireText(justification, $"a waiver for item '{ItemId}' needs a justification");
        if (expiresAt <= at)
            throw new RuleViolationException(RunRules.Waiver, RuleViolationKind.Invalid,
                $"a waiver must expire in the future; {expiresAt:O} is not after {at:O}");
        RequireState("request a waiver for", RunItemState.Pending, RunItemState.Failed, RunItemState.Error);
        if (OpenWaiver is { } open)
            throw new RuleViolationException(RunRules.Waiver, RuleViolationKind.Conflict,
                $"item '{ItemId}' already has a waiver {open.Status.ToString().ToLowerInvariant()} by {open.RequestedByName}");
        var waiver = new Waiver(actor, why, expiresAt.ToUniversalTime(), at);
        _waivers.Add(waiver);
        Record(at, actor, ItemAction.WaiverRequested, State, State, $"until {waiver.ExpiresAt:O}: {why}");
        return waiver;
    }

    internal ItemEvent ApproveWaiver(Actor actor, string? comment, DateTimeOffset at)
    {
        var waiver = RequestedWaiver(actor, "approve");
        if (waiver.HasExpired(at))
            throw new RuleViolationException(RunRules.Waiver, RuleViolationKind.Conflict,
                $"the waiver for item '{ItemId}' expired at {waiver.ExpiresAt:O} before it was approved; request a new one");
        var from = State;
        waiver.Approve(actor, comment, at);
        SetState(RunItemState.Waived, waiver.Justification, actor, at);
        return Record(at, actor, ItemAction.WaiverApproved, from, State, $"waived until {waiver.ExpiresAt:O}{Suffix(comment)}");
    }

    internal ItemEvent RejectWaiver(Actor actor, string? comment, DateTimeOffset at)
    {
        var waiver = RequestedWaiver(actor, "reject");
        waiver.Reject(actor, comment, at);
        return Record(at, actor, ItemAction.WaiverRejected, State, State, $"waiver rejected{Suffix(comment)}");
    }

    /// <summary>Closes waivers whose time is up; an item that was waived goes back to Pending to be verified again.</summary>
    internal ItemEvent? ExpireWaiver(DateTimeOffset now)
    {
        if (OpenWaiver is not { } waiver || !waiver.HasExpired(now)) return null;
        var from = State;
        var wasApproved = waiver.Status == WaiverStatus.Approved;
        waiver.Expire(now);
        var system = Actor.System();
        if (wasApproved && from == RunItemState.Waived)
            SetState(RunItemState.Pending, $"waiver expired at {waiver.ExpiresAt:O}", system, now);
        return Record(now, system, ItemAction.WaiverExpired, from, State,
            wasApproved ? $"waiver expired at {waiver.ExpiresAt:O}; item reopened" : $"waiver request expired at {waiver.ExpiresAt:O} unanswered");
    }

    internal ItemEvent Assign(Actor actor, UserRef? assignee, DateTimeOffset at)
    {
        Permissions.Require(actor, $"assign item '{ItemId}'", allowSystem: false, Role.ReleaseManager);
        AssigneeId = assignee?.Id;
        AssigneeName = assignee?.Name;
        return Record(at, actor, ItemAction.Assigned, State, State, assignee is null ? "unassigned" : $"assigned to {assignee.Name}");
    }

    internal ItemEvent SetDueDate(Actor actor, DateTimeOffset? dueAt, DateTimeOffset? defaultDueAt, DateTimeOffset at)
    {
        Permissions.Require(actor, $"set the due date of item '{ItemId}'", allowSystem: false, Role.ReleaseManager);
        DueAt = dueAt?.ToUniversalTime() ?? defaultDueAt;
        DueAtSetByHand = dueAt is not null;
        return Record(at, actor, ItemAction.DueDateSet, State, State,
            DueAt is null ? "no due date" : $"due {DueAt:O}{(DueAtSetByHand ? "" : " (from the planned go-live)")}");
    }

    /// <summary>Rescheduling the go-live moves the due dates nobody set by hand.</summary>
    internal void Reschedule(DateTimeOffset? defaultDueAt)
    {
        if (DueAtSetByHand || DueAt == defaultDueAt) return;
        DueAt = defaultDueAt;
        RowVersion++;
    }

    internal ItemEvent Reopen(Actor actor, string reason, DateTimeOffset at)
    {
        Permissions.Require(actor, $"reopen item '{ItemId}'", allowSystem: false, Role.Engineer, Role.ReleaseManager);
        var why = RequireText(reason, $"reopening item '{ItemId}' needs a reason");
        if (State == RunItemState.Pending)
            throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
                $"cannot reopen item '{ItemId}' while it is pending; it is already open");
        var from = State;
        if (OpenWaiver is { } waiver) waiver.Revoke(at);
        SetState(RunItemState.Pending, why, actor, at);
        NotApplicableByPerson = false;
        return Record(at, actor, ItemAction.Reopened, from, State, why);
    }

    private Waiver RequestedWaiver(Actor actor, string verb)
    {
        Permissions.Require(actor, $"{verb} a waiver for item '{ItemId}'", allowSystem: false, Role.ReleaseManager);
        if (OpenWaiver is not { Status: WaiverStatus.Requested } waiver)
            throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
                $"cannot {verb} a waiver for item '{ItemId}': it has no waiver request waiting");
        if (waiver.RequestedById == actor.Id)
            throw new RuleViolationException(RunRules.FourEyes, RuleViolationKind.Forbidden,
                $"a waiver is approved or rejected by someone other than its requester; {actor.Name} requested this one");
        return waiver;
    }

    private void RequireState(string action, params RunItemState[] allowed)
    {
        if (allowed.Contains(State)) return;
        throw new RuleViolationException(RunRules.State, RuleViolationKind.Conflict,
            $"cannot {action} item '{ItemId}' while it is {State.ToApiName()}; allowed when {string.Join(" or ", allowed.Select(s => s.ToApiName()))}");
    }

    private static string RequireText(string? text, string message) =>
        string.IsNullOrWhiteSpace(text)
            ? throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid, message)
            : text.Trim();

    private static string Suffix(string? comment) => string.IsNullOrWhiteSpace(comment) ? "" : $": {comment.Trim()}";

    private void SetState(RunItemState state, string? detail, Actor actor, DateTimeOffset at)
    {
        State = state;
        StateDetail = detail;
        StateChangedAt = at;
        StateChangedById = actor.Id;
        StateChangedByName = actor.Name;
    }

    private ItemEvent Record(DateTimeOffset at, Actor actor, ItemAction action, RunItemState from, RunItemState to, string? detail)
    {
        var e = new ItemEvent(at, actor, action, from, to, detail);
        _history.Add(e);
        RowVersion++;
        return e;
    }
}
