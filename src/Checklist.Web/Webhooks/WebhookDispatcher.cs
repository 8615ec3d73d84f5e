using System.Diagnostics;
using System.Text;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Webhooks;

/// <summary>
/// Sends the outbox: polls for deliveries that are due, claims each one with a conditional update (so replicas
/// polling the same database never send a delivery twice at once), posts it signed, and records the attempt.
/// Failed attempts are retried with exponential backoff until <see cref="WebhookOptions.MaxAttempts"/>.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    WebhookOptions options,
    TimeProvider time,
    Operations.Metrics.ChecklistMetrics metrics,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds)), time);
        do
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) == BatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database hiccup must not end the loop: the deliveries stay in the outbox for the next poll.
                logger.LogWarning(ex, "Sending webhook deliveries failed; trying again at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends up to one batch of due deliveries; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var now = time.GetUtcNow();
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(ct);

        var attempted = 0;
        foreach (var id in due)
        {
            // Long enough for the attempt to finish; a replica that dies mid-send releases it when this passes.
            var lockUntil = now.AddSeconds(options.TimeoutSeconds * 2 + 30);
            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, lockUntil), ct);
            if (claimed == 0) continue;

            var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
            var (status, error, duration) = endpoint is { Active: true }
                ? await SendAsync(endpoint, delivery, ct)
                : (null, "the endpoint is deactivated", TimeSpan.Zero);
            var attempt = delivery.RecordAttempt(status, error, duration, time.GetUtcNow(), options);
            db.WebhookAttempts.Add(attempt);
            await db.SaveChangesAsync(ct);
            metrics.WebhookDelivered(delivery.Status == WebhookDeliveryStatus.Pending ? "retrying" : delivery.Status.ToString().ToLowerInvariant());
            attempted++;
            if (error is not null)
                logger.LogInformation("Webhook {Event} to {Endpoint} attempt {Attempt} failed: {Error}", delivery.Event, endpoint?.Name, attempt.Number, error);
        }
        return attempted;
    }

    private async Task<(int? Status, string? Error, TimeSpan Duration)> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken ct)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(endpoint.Secret, timestamp, delivery.Body));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return (code, response.IsSuccessStatusCode ? null : $"the endpoint answered HTTP {code} {response.ReasonPhrase}", watch.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"no answer within {options.TimeoutSeconds:0.#} s", watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})", watch.Elapsed);
        }
    }
}
