using Checklist.Core.Runs;

namespace Checklist.Core.Audit;

public enum AuditActorType { User, Token, System }

/// <summary>What the application knows when something changes; <see cref="AuditChain.Append"/> turns it into a chained event.</summary>
/// <param name="Before">The entity's state before the change as JSON text, or null (stored as text, never jsonb: the hash covers these exact characters).</param>
/// <param name="After">The entity's state after the change as JSON text, or null.</param>
public sealed record AuditDraft(
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    AuditActorType ActorType,
    string? SourceAddress,
    string Action,
    string EntityType,
    string EntityId,
    Guid? RunId,
    string? Before,
    string? After,
    string CorrelationId)
{
    public static AuditActorType TypeOf(Actor actor) => actor.Kind switch
    {
        ActorKind.Token => AuditActorType.Token,
        ActorKind.System => AuditActorType.System,
        _ => AuditActorType.User,
    };
}

/// <summary>
/// One row of the append-only audit log. <see cref="Hash"/> chains it to the row before: see
/// <see cref="AuditChain"/> for exactly what is hashed, so an auditor can re-compute it offline.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    internal AuditEvent(long seq, AuditDraft draft, DateTimeOffset at, string previousHash)
    {
        Seq = seq;
        At = at;
        ActorId = draft.ActorId;
        ActorName = draft.ActorName;
        ActorType = draft.ActorType;
        SourceAddress = draft.SourceAddress;
        Action = draft.Action;
        EntityType = draft.EntityType;
        EntityId = draft.EntityId;
        RunId = draft.RunId;
        Before = draft.Before;
        After = draft.After;
        CorrelationId = draft.CorrelationId;
        PreviousHash = previousHash;
        Hash = AuditChain.ComputeHash(this);
    }

    /// <summary>For reading rows back and for tests that tamper with them; normal code appends through <see cref="AuditChain"/>.</summary>
    public static AuditEvent Restore(long seq, DateTimeOffset at, string actorId, string actorName, AuditActorType actorType,
        string? sourceAddress, string action, string entityType, string entityId, Guid? runId, string? before, string? after,
        string correlationId, string previousHash, string hash) => new()
    {
        Seq = seq,
        At = at,
        ActorId = actorId,
        ActorName = actorName,
        ActorType = actorType,
        SourceAddress = sourceAddress,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        RunId = runId,
        Before = before,
        After = after,
        CorrelationId = correlationId,
        PreviousHash = previousHash,
        Hash = hash,
    };

    public long Seq { get; private set; }
    /// <summary>UTC, truncated to whole microseconds so that PostgreSQL's timestamp precision keeps it exact.</summary>
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public AuditActorType ActorType { get; private set; }
    public string? SourceAddress { get; private set; }
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public Guid? RunId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string CorrelationId { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
}
