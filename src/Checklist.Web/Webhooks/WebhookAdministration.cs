using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Webhooks;

public sealed record WebhookEndpointRow(Guid Id, string Name, string Url, IReadOnlyList<string> Events, bool Active, DateTimeOffset CreatedAt,
    int Pending, int Delivered, int Failed);

public sealed record WebhookDeliveryRow(Guid Id, string EndpointName, string Event, Guid? RunId, WebhookDeliveryStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError);

public sealed record WebhookAttemptRow(Guid DeliveryId, int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>The admin's actions on webhook endpoints (each audited) and the delivery log.</summary>
public sealed class WebhookAdministration(ChecklistDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<List<WebhookEndpointRow>> ListAsync(CancellationToken ct)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Name).ToListAsync(ct);
        var counts = await db.WebhookDeliveries.AsNoTracking()
            .GroupBy(d => new { d.EndpointId, d.Status })
            .Select(g => new { g.Key.EndpointId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        int Count(Guid id, WebhookDeliveryStatus status) => counts.FirstOrDefault(c => c.EndpointId == id && c.Status == status)?.Count ?? 0;
        return endpoints.Select(e => new WebhookEndpointRow(e.Id, e.Name, e.Url, e.Events, e.Active, e.CreatedAt,
            Count(e.Id, WebhookDeliveryStatus.Pending), Count(e.Id, WebhookDeliveryStatus.Delivered), Count(e.Id, WebhookDeliveryStatus.Failed))).ToList();
    }

    public Task<WebhookEndpoint?> FindAsync(Guid id, CancellationToken ct) =>
        db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <returns>The error to show, or null when the endpoint was created.</returns>
    public async Task<string?> CreateAsync(string name, string url, string secret, IReadOnlyCollection<string> events, CancellationToken ct)
    {
        WebhookEndpoint endpoint;
        try
        {
            endpoint = new WebhookEndpoint(name, url, secret, events, audit.CurrentActor().Name, time.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            return Message(ex);
        }
        db.WebhookEndpoints.Add(endpoint);
        audit.Record("webhook.created", "WebhookEndpoint", endpoint.Id.ToString(), after: Describe(endpoint));
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <returns>The error to show, or null when the endpoint was saved.</returns>
    public async Task<string?> UpdateAsync(Guid id, string name, string url, string? secret, IReadOnlyCollection<string> events, bool active, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return "No such webhook endpoint.";
        var before = Describe(endpoint);
        try
        {
            endpoint.Update(name, url, secret, events, active, time.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            return Message(ex);
        }
        audit.Record("webhook.updated", "WebhookEndpoint", endpoint.Id.ToString(), before: before,
            after: new { endpoint = Describe(endpoint), secretChanged = !string.IsNullOrWhiteSpace(secret) });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Deletes the endpoint with its deliveries and their log.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return false;
        db.WebhookEndpoints.Remove(endpoint);
        audit.Record("webhook.deleted", "WebhookEndpoint", endpoint.Id.ToString(), before: Describe(endpoint));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Queues a test message to one endpoint, so an admin can check the URL and the receiver's signature check.</summary>
    public async Task<bool> QueueTestAsync(Guid id, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return false;
        var now = time.GetUtcNow();
        db.WebhookDeliveries.Add(new WebhookDelivery(endpoint.Id, "test", null, WebhookMessages.Test(endpoint.Name, now), now));
        audit.Record("webhook.test-queued", "WebhookEndpoint", endpoint.Id.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The newest deliveries (optionally of one endpoint) with every attempt of each.</summary>
    public async Task<(List<WebhookDeliveryRow> Deliveries, ILookup<Guid, WebhookAttemptRow> Attempts)> DeliveriesAsync(Guid? endpointId, int take, CancellationToken ct)
    {
        var query = from d in db.WebhookDeliveries.AsNoTracking()
                    join e in db.WebhookEndpoints.AsNoTracking() on d.EndpointId equals e.Id
                    where endpointId == null || d.EndpointId == endpointId
                    orderby d.CreatedAt descending
                    select new WebhookDeliveryRow(d.Id, e.Name, d.Event, d.RunId, d.Status, d.AttemptCount, d.CreatedAt, d.NextAttemptAt,
                        d.DeliveredAt, d.LastStatusCode, d.LastError);
        var deliveries = await query.Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = await db.WebhookAttempts.AsNoTracking()
            .Where(a => ids.Contains(a.DeliveryId))
            .OrderBy(a => a.Number)
            .Select(a => new WebhookAttemptRow(a.DeliveryId, a.Number, a.At, a.StatusCode, a.Error, a.DurationMs))
            .ToListAsync(ct);
        return (deliveries, attempts.ToLookup(a => a.DeliveryId));
    }

    private static object Describe(WebhookEndpoint e) => new { e.Name, e.Url, e.Events, e.Active };

    private static string Message(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
}
