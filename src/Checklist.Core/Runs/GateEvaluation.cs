namespace Checklist.Core.Runs;

public enum BlockCause { NotVerified, AwaitingSignOff, Failed, Error, WaiverNotApproved, WaiverExpired }

/// <summary>A required item that holds the gate at no-go, with the reason in words for the API's <c>reason</c>.</summary>
public sealed record BlockingItem(string ItemId, string Title, RunItemState State, BlockCause Cause, string Reason);

/// <summary>An item that lets the gate pass only because an approved waiver covers it.</summary>
public sealed record WaivedItem(string ItemId, string Title, Guid WaiverId, string Justification, string RequestedBy, string? ApprovedBy, DateTimeOffset ExpiresAt);

/// <summary>
/// The gate at one moment: go when no required item blocks. <see cref="OpenOptional"/> lists optional items
/// that are not satisfied, which never block but a release manager should see.
/// </summary>
public sealed record GateEvaluation(
    GateDecision Decision,
    IReadOnlyList<BlockingItem> Blocking,
    IReadOnlyList<WaivedItem> Waived,
    IReadOnlyList<BlockingItem> OpenOptional,
    DateTimeOffset EvaluatedAt)
{
    public bool IsGo => Decision == GateDecision.Go;

    internal static GateEvaluation Evaluate(IReadOnlyList<RunItem> items, DateTimeOffset now)
    {
        var blocking = new List<BlockingItem>();
        var optional = new List<BlockingItem>();
        var waived = new List<WaivedItem>();
        foreach (var item in items)
        {
            var waiver = item.OpenWaiver;
            if (item.State == RunItemState.Waived && waiver is { Status: WaiverStatus.Approved } && !waiver.HasExpired(now))
            {
                waived.Add(new WaivedItem(item.ItemId, item.Title, waiver.Id, waiver.Justification,
                    waiver.RequestedByName, waiver.DecidedByName, waiver.ExpiresAt));
                continue;
            }
            if (Why(item, waiver, now) is not { } block) continue;
            (item.Required ? blocking : optional).Add(block);
        }
        return new GateEvaluation(blocking.Count == 0 ? GateDecision.Go : GateDecision.NoGo, blocking, waived, optional, now);
    }

    private static BlockingItem? Why(RunItem item, Waiver? waiver, DateTimeOffset now)
    {
        BlockingItem Block(BlockCause cause, string reason) => new(item.ItemId, item.Title, item.State, cause, reason);

        // A waiver that was asked for but not granted is the reason people need to act on, whatever the state.
        if (waiver is { Status: WaiverStatus.Requested } requested && item.State is not (RunItemState.Passed or RunItemState.SignedOff or RunItemState.NotApplicable))
            return Block(BlockCause.WaiverNotApproved,
                $"waiver requested by {requested.RequestedByName} but not approved");
        return item.State switch
        {
            RunItemState.Passed or RunItemState.SignedOff or RunItemState.NotApplicable => null,
            RunItemState.Waived => Block(BlockCause.WaiverExpired,
                waiver is null ? "waived without a waiver in force" : $"waiver expired at {waiver.ExpiresAt:O}"),
            RunItemState.Failed => Block(BlockCause.Failed, $"probe failed: {item.StateDetail}"),
            RunItemState.Error => Block(BlockCause.Error,
                $"probe could not verify: {item.StateDetail}" +
                (item.LastVerifiedState is { } last ? $" (last verified {last.ToApiName()})" : "")),
            _ when item.Verification == VerificationKind.Manual => Block(BlockCause.AwaitingSignOff,
                $"awaiting sign-off by {(item.SignoffRole == SignoffRole.Engineer ? "an engineer" : "a release manager")}"),
            _ => Block(BlockCause.NotVerified, "not verified yet"),
        };
    }
}
