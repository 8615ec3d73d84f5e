namespace Checklist.Core.Runbooks;

public sealed record RunbookSection
{
    public required string Title { get; init; }
    public IReadOnlyList<RunbookItem> Items { get; init; } = [];
}

public sealed record RunbookItem
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required RunbookItemState State { get; init; }
    public bool Required { get; init; }

    /// <summary>Who verified, signed off or waived it (a person, or the probe id for automatic checks).</summary>
    public string? Who { get; init; }
    public DateTimeOffset? When { get; init; }
    public string? Comment { get; init; }
    public IReadOnlyList<RunbookEvidence> Evidence { get; init; } = [];
}

public enum RunbookItemState
{
    Pending,
    Passed,
    Failed,
    Error,
    SignedOff,
    Waived,
    NotApplicable,
}

public sealed record RunbookEvidence
{
    public required RunbookEvidenceKind Kind { get; init; }
    public string? Name { get; init; }
    public string? Sha256 { get; init; }
    public string? Url { get; init; }
    public string? Text { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? At { get; init; }
}

public enum RunbookEvidenceKind
{
    File,
    Link,
    Note,
}

public sealed record RunbookWaiver
{
    public required string ItemId { get; init; }
    public string? ItemTitle { get; init; }
    public required string Justification { get; init; }
    public required string RequestedBy { get; init; }

    /// <summary>The risk owner who approved it; null while the waiver is only requested.</summary>
    public string? ApprovedBy { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed record RunbookDecision
{
    public required RunbookDecisionOutcome Outcome { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Comment { get; init; }

    /// <summary>True when an item changed after the decision, so it no longer reflects the run.</summary>
    public bool Stale { get; init; }
    public IReadOnlyList<RunbookSignOff> SignOffs { get; init; } = [];
}

public enum RunbookDecisionOutcome
{
    Go,
    NoGo,
}

public sealed record RunbookSignOff
{
    public required string Role { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Comment { get; init; }
}
