namespace Checklist.Core.Runs;

public enum ItemAction
{
    ProbeResult,
    EvidenceAdded,
    EvidenceSuperseded,
    SignedOff,
    MarkedNotApplicable,
    WaiverRequested,
    WaiverApproved,
    WaiverRejected,
    WaiverExpired,
    Assigned,
    DueDateSet,
    Reopened,
}

/// <summary>One line of an item's history on the run page: who did what, and the state before and after.</summary>
public sealed class ItemEvent
{
    private ItemEvent() { }

    internal ItemEvent(DateTimeOffset at, Actor actor, ItemAction action, RunItemState from, RunItemState to, string? detail)
    {
        Id = Guid.NewGuid();
        At = at;
        ActorId = actor.Id;
        ActorName = actor.Name;
        Action = action;
        FromState = from;
        ToState = to;
        Detail = detail;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public ItemAction Action { get; private set; }
    public RunItemState FromState { get; private set; }
    public RunItemState ToState { get; private set; }
    public string? Detail { get; private set; }
}
