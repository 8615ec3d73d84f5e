namespace Checklist.Core.Runs;

/// <summary>Requested → Approved | Rejected; Approved or Requested → Expired when ExpiresAt passes; Approved → Revoked when the item is reopened.</summary>
public enum WaiverStatus { Requested, Approved, Rejected, Expired, Revoked }

/// <summary>An exemption for one item until <see cref="ExpiresAt"/>, approved by someone other than its requester.</summary>
public sealed class Waiver
{
    private Waiver() { }

    internal Waiver(Actor requester, string justification, DateTimeOffset expiresAt, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        RequestedById = requester.Id;
        RequestedByName = requester.Name;
        RequestedAt = at;
        Justification = justification;
        ExpiresAt = expiresAt;
        Status = WaiverStatus.Requested;
    }

    public Guid Id { get; private set; }
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public string Justification { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }
    public WaiverStatus Status { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => Status is WaiverStatus.Requested or WaiverStatus.Approved;

    public bool HasExpired(DateTimeOffset now) => now >= ExpiresAt;

    internal void Approve(Actor actor, string? comment, DateTimeOffset at) => Decide(WaiverStatus.Approved, actor, comment, at);

    internal void Reject(Actor actor, string? comment, DateTimeOffset at)
    {
        Decide(WaiverStatus.Rejected, actor, comment, at);
        ClosedAt = at;
    }

    internal void Expire(DateTimeOffset at)
    {
        Status = WaiverStatus.Expired;
        ClosedAt = at;
    }

    internal void Revoke(DateTimeOffset at)
    {
        Status = WaiverStatus.Revoked;
        ClosedAt = at;
    }

    private void Decide(WaiverStatus status, Actor actor, string? comment, DateTimeOffset at)
    {
        Status = status;
        DecidedById = actor.Id;
        DecidedByName = actor.Name;
        DecidedAt = at;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }
}
