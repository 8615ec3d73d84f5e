using System.Security.Claims;
using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Web.Data;
using Checklist.Web.Security;

namespace Checklist.Web.Auditing;

/// <summary>
/// Records what changed, by whom, from where. An event is only queued here: it is written, chained, by the
/// next SaveChanges of the same DbContext, inside the same transaction as the change it describes.
/// </summary>
public sealed class AuditLog(ChecklistDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The actor of the current request, or the system when there is none (a job, start-up).</summary>
    public AuditActor CurrentActor()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return AuditActor.System;
        var type = user.FindFirstValue(ApiTokenAuthenticationHandler.ActorTypeClaim) == "token" ? AuditActorType.Token : AuditActorType.User;
        return new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.Identity.Name ?? "", type);
    }

    public void Record(string action, string entityType, string entityId, Guid? runId = null, object? before = null, object? after = null, AuditActor? actor = null)
    {
        actor ??= CurrentActor();
        var context = http.HttpContext;
        db.QueueAudit(new AuditDraft(
            time.GetUtcNow(),
            actor.Id,
            actor.Name,
            actor.Type,
            context?.Connection.RemoteIpAddress?.ToString(),
            action,
            entityType,
            entityId,
            runId,
            Serialize(before),
            Serialize(after),
            context?.TraceIdentifier ?? System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N")));
    }

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };
}

public sealed record AuditActor(string Id, string Name, AuditActorType Type)
{
    public static readonly AuditActor System = new("system", "system", AuditActorType.System);
}
