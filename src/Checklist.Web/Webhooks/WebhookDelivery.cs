namespace Checklist.Web.Webhooks;

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One notification for one endpoint: an outbox row written in the same transaction as the change it reports,
/// so a change is never notified without having happened, nor lost when the process stops before sending.
/// The dispatcher sends it and retries with exponential backoff until it is delivered or out of attempts.
/// </summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery() { }

    public WebhookDelivery(Guid endpointId, string eventName, Guid? runId, string body, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        EndpointId = endpointId;
        Event = eventName;
        RunId = runId;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = WebhookDeliveryStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public string Event { get; private set; } = "";
    public Guid? RunId { get; private set; }
    /// <summary>The JSON sent, fixed when the change happened so every retry sends (and signs) the same bytes.</summary>
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int AttemptCount { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    /// <summary>Set while one dispatcher sends it, so that replicas polling the same outbox do not send it twice.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Records one attempt: a 2xx delivers; anything else schedules a retry or, out of attempts, fails for good.</summary>
    public WebhookAttempt RecordAttempt(int? statusCode, string? error, TimeSpan duration, DateTimeOffset at, WebhookOptions options)
    {
        AttemptCount++;
        LastStatusCode = statusCode;
        LastError = error;
        LockedUntil = null;
        var delivered = error is null && statusCode is >= 200 and < 300;
        if (delivered)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = at;
        }
        else if (AttemptCount >= options.MaxAttempts)
        {
            Status = WebhookDeliveryStatus.Failed;
        }
        else
        {
            NextAttemptAt = at + options.Backoff(AttemptCount);
        }
        return new WebhookAttempt(Id, AttemptCount, at, statusCode, error, (int)Math.Round(duration.TotalMilliseconds));
    }
}

/// <summary>One try at sending a delivery, as the admin's delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public const int MaxErrorLength = 1000;

    private WebhookAttempt() { }

    public WebhookAttempt(Guid deliveryId, int number, DateTimeOffset at, int? statusCode, string? error, int durationMs)
    {
        Id = Guid.NewGuid();
        DeliveryId = deliveryId;
        Number = number;
        At = at;
        StatusCode = statusCode;
        Error = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        DurationMs = durationMs;
    }

    public Guid Id { get; private set; }
    public Guid DeliveryId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }
}
