namespace Checklist.Web.Webhooks;

/// <summary>The events an endpoint can subscribe to, spelled as they appear in payloads and the admin page.</summary>
public static class WebhookEvents
{
    public const string ItemFailed = "item-failed";
    public const string WaiverRequested = "waiver-requested";
    /// <summary>The gate turned from no-go to go: every required item is satisfied.</summary>
    public const string RunReadyForDecision = "run-ready-for-decision";
    public const string DecisionRecorded = "decision-recorded";

    public static readonly IReadOnlyList<string> All = [ItemFailed, WaiverRequested, RunReadyForDecision, DecisionRecorded];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
