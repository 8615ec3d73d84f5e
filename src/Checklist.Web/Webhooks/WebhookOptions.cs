namespace Checklist.Web.Webhooks;

/// <summary>Bound from <c>Checklist:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Checklist:Webhooks";

    /// <summary>Attempts per delivery before it is marked failed (the first try included).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; each later wait doubles, up to <see cref="MaxDelaySeconds"/>.</summary>
    public double BaseDelaySeconds { get; set; } = 10;

    public double MaxDelaySeconds { get; set; } = 3600;

    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>How long one HTTP attempt may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>The app's address as users reach it (e.g. https://checklist.example.com); payloads link to the run when set.</summary>
    public string? PublicBaseUrl { get; set; }

    public TimeSpan Backoff(int attemptsMade)
    {
        var seconds = BaseDelaySeconds * Math.Pow(2, Math.Max(0, attemptsMade - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelaySeconds));
    }
}
