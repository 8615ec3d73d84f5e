using System.Runtime.CompilerServices;
using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Auditing;

/// <summary>One line of the global log: the event without its before and after, which only its own page shows.</summary>
public sealed record AuditRow(
    long Seq,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    AuditActorType ActorType,
    string? SourceAddress,
    string Action,
    string EntityType,
    string EntityId,
    Guid? RunId);

/// <summary>
/// A page of the log, newest first. <see cref="NewerThan"/> and <see cref="OlderThan"/> are the sequence numbers
/// for the <c>after=</c> and <c>before=</c> links, or null when there is nothing on that side.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long? NewerThan, long? OlderThan);

public sealed record AuditRunSummary(Guid Id, string Service, string Version, string Environment, RunState State, string TemplateId);

public sealed record AuditRunEvidence(
    Guid Id, string ItemId, EvidenceKind Kind, string? FileName, string? Sha256, long? SizeBytes, string? Url, string? Text,
    string AuthorName, DateTimeOffset AddedAt, DateTimeOffset? SupersededAt);

public sealed record AuditRunDecision(
    Guid Id, GateDecision Outcome, string DeciderName, string? Comment, DateTimeOffset DecidedAt, bool Stale, string? StaleReason,
    string? RunbookSha256, DateTimeOffset? RunbookFrozenAt);

/// <summary>What an auditor reviews of one run: its events, evidence and decisions (the run may be unknown when only events name it).</summary>
public sealed record AuditRunTimeline(
    Guid RunId, AuditRunSummary? Run, IReadOnlyList<AuditEvent> Events, IReadOnlyList<AuditRunEvidence> Evidence, IReadOnlyList<AuditRunDecision> Decisions);

/// <summary>
/// Reads the audit log. Pages are keyset pages over <c>Seq</c> (never OFFSET), so the thousandth page costs what
/// the first one does; exports stream in sequence order without holding the log in memory.
/// </summary>
public sealed class AuditQuery(ChecklistDbContext db)
{
    public const int PageSize = 50;

    /// <summary>
    /// The newest page (neither cursor), the page just older than <paramref name="before"/>, or the page just newer
    /// than <paramref name="after"/>; both cursors are sequence numbers taken from a page's first or last row.
    /// </summary>
    public async Task<AuditPage> PageAsync(AuditFilter filter, long? before, long? after, CancellationToken ct)
    {
        var events = await FilterAsync(filter, ct);
        List<AuditRow> rows;
        bool newer, older;
        if (after is { } newerThan)
        {
            rows = await Rows(events.Where(e => e.Seq > newerThan).OrderBy(e => e.Seq)).Take(PageSize + 1).ToListAsync(ct);
            newer = rows.Count > PageSize;
            if (newer) rows.RemoveAt(PageSize);
            rows.Reverse();
            older = await events.AnyAsync(e => e.Seq <= newerThan, ct);
        }
        else
        {
            var page = before is { } olderThan ? events.Where(e => e.Seq < olderThan) : events;
            rows = await Rows(page.OrderByDescending(e => e.Seq)).Take(PageSize + 1).ToListAsync(ct);
            older = rows.Count > PageSize;
            if (older) rows.RemoveAt(PageSize);
            newer = before is { } edge && await events.AnyAsync(e => e.Seq >= edge, ct);
        }
        return new AuditPage(rows,
            newer ? (rows.Count > 0 ? rows[0].Seq : before - 1) : null,
            older ? (rows.Count > 0 ? rows[^1].Seq : after + 1) : null);
    }

    public Task<AuditEvent?> FindAsync(long seq, CancellationToken ct) =>
        db.AuditEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Seq == seq, ct);

    /// <summary>Whether events exist just before and after <paramref name="seq"/>, for the event page's neighbour links.</summary>
    public async Task<(bool Previous, bool Next)> NeighboursAsync(long seq, CancellationToken ct) =>
        (await db.AuditEvents.AnyAsync(e => e.Seq == seq - 1, ct), await db.AuditEvents.AnyAsync(e => e.Seq == seq + 1, ct));

    /// <summary>When the log begins, and the head recorded for its end (null before the first event).</summary>
    public async Task<(DateTimeOffset? OldestAt, AuditChainHead? Head)> ExtentAsync(CancellationToken ct)
    {
        var oldest = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.ChainId, ct);
        return (oldest, head?.ToChainHead());
    }

    /// <summary>Every event that passes the filter, oldest first, read as they are written out.</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var events = await FilterAsync(filter, ct);
        await foreach (var e in events.OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
            yield return e;
    }

    /// <summary>Every event of one run, in the order they happened.</summary>
    public Task<List<AuditEvent>> RunEventsAsync(Guid runId, CancellationToken ct) =>
        db.AuditEvents.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Seq).ToListAsync(ct);

    public async Task<AuditRunTimeline> RunTimelineAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new AuditRunSummary(r.Id, r.Service, r.ReleaseVersion, r.Environment, r.State, r.TemplateId))
            .SingleOrDefaultAsync(ct);
        var evidence = await (
                from e in db.Evidence.AsNoTracking()
                join i in db.RunItems.AsNoTracking() on EF.Property<Guid>(e, "RunItemId") equals i.Id
                where EF.Property<Guid>(i, "RunId") == runId
                orderby e.AddedAt
                select new AuditRunEvidence(e.Id, i.ItemId, e.Kind, e.FileName, e.Sha256, e.SizeBytes, e.Url, e.Text, e.AuthorName, e.AddedAt, e.SupersededAt))
            .ToListAsync(ct);
        var decisions = await db.Decisions.AsNoTracking().Where(d => EF.Property<Guid>(d, "RunId") == runId)
            .OrderBy(d => d.DecidedAt)
            .Select(d => new AuditRunDecision(d.Id, d.Outcome, d.DeciderName, d.Comment, d.DecidedAt, d.Stale, d.StaleReason, d.RunbookSha256, d.RunbookFrozenAt))
            .ToListAsync(ct);
        return new AuditRunTimeline(runId, run, await RunEventsAsync(runId, ct), evidence, decisions);
    }

    private async Task<IQueryable<AuditEvent>> FilterAsync(AuditFilter filter, CancellationToken ct)
    {
        IQueryable<AuditEvent> events = db.AuditEvents.AsNoTracking();
        if (filter.Actor is { } actor)
        {
            // People type an e-mail address; events store the user's id (the same for sign-ins and tokens), which is indexed.
            var normalized = actor.ToUpperInvariant();
            var userId = await db.Users.AsNoTracking()
                .Where(u => u.Id == actor || u.NormalizedEmail == normalized || u.NormalizedUserName == normalized)
                .Select(u => u.Id).FirstOrDefaultAsync(ct);
            var actorId = userId ?? actor;
            events = events.Where(e => e.ActorId == actorId);
        }
        if (filter.ActorType is { } type) events = events.Where(e => e.ActorType == type);
        if (filter.Action is { } action) events = events.Where(e => e.Action == action);
        if (filter.RunId is { } runId) events = events.Where(e => e.RunId == runId);
        if (filter.NeedsRuns)
        {
            // Service and environment belong to the run: the events of the runs that match, through the RunId index.
            var runs = db.Runs.AsNoTracking();
            if (filter.Service is { } service) runs = runs.Where(r => r.Service == service);
            if (filter.Environment is { } environment) runs = runs.Where(r => r.Environment == environment);
            var runIds = runs.Select(r => (Guid?)r.Id);
            events = events.Where(e => runIds.Contains(e.RunId));
        }
        if (filter.EntityType is { } entityType) events = events.Where(e => e.EntityType == entityType);
        if (filter.EntityId is { } entityId) events = events.Where(e => e.EntityId == entityId);
        if (filter.From is { } from) events = events.Where(e => e.At >= from);
        if (filter.To is { } to) events = events.Where(e => e.At < to);
        return events;
    }

    private static IQueryable<AuditRow> Rows(IQueryable<AuditEvent> events) =>
        events.Select(e => new AuditRow(e.Seq, e.At, e.ActorId, e.ActorName, e.ActorType, e.SourceAddress, e.Action, e.EntityType, e.EntityId, e.RunId));
}
