namespace Checklist.Core.Runs;

/// <summary>
/// Draft → InProgress (Start, or implicitly by the first item change) → Decided (a go decision) → Completed.
/// A no-go decision is recorded but leaves the run InProgress, so the team can fix items and decide again.
/// A Decided run returns to InProgress only through <see cref="Run.ReopenStaleDecision"/>, after drift made its
/// decision stale. Draft, InProgress and Decided runs can be Cancelled with a reason; Completed and Cancelled are final.
/// </summary>
public enum RunState { Draft, InProgress, Decided, Completed, Cancelled }

/// <summary>API names: pending, passed, failed, error, signed-off, waived, not-applicable.</summary>
public enum RunItemState { Pending, Passed, Failed, Error, SignedOff, Waived, NotApplicable }

public enum VerificationKind { Probe, Manual }

public enum GateDecision { Go, NoGo }

public static class RunStateNames
{
    /// <summary>The item state as the JSON API spells it.</summary>
    public static string ToApiName(this RunItemState state) => state switch
    {
        RunItemState.Pending => "pending",
        RunItemState.Passed => "passed",
        RunItemState.Failed => "failed",
        RunItemState.Error => "error",
        RunItemState.SignedOff => "signed-off",
        RunItemState.Waived => "waived",
        _ => "not-applicable",
    };

    public static string ToApiName(this GateDecision decision) => decision == GateDecision.Go ? "go" : "no-go";

    public static string ToApiName(this RunState state) => state switch
    {
        RunState.Draft => "draft",
        RunState.InProgress => "in-progress",
        RunState.Decided => "decided",
        RunState.Completed => "completed",
        _ => "cancelled",
    };
}
