using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;

namespace Checklist.Web.Features.Audit;

public sealed record AuditLogViewModel(AuditFilterQuery Query, IReadOnlyList<string> Errors, AuditPage? Page, bool CanExport)
{
    public string ExportLink(string format) => "/audit/export" + Query.ToQueryString(("format", format));
    public string NewerLink(long seq) => "/audit" + Query.ToQueryString(("after", seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    public string OlderLink(long seq) => "/audit" + Query.ToQueryString(("before", seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed record AuditEventViewModel(AuditEvent Event, JsonComparison Comparison, bool HasPrevious, bool HasNext);

public sealed record AuditVerifyViewModel(
    int RetentionDays,
    DateTimeOffset KeptAtLeastSince,
    DateTimeOffset? OldestEventAt,
    AuditChainHead? Head,
    AuditReport? Report);

/// <summary>One line of a run's timeline: an audit event, a piece of evidence, or a decision, at its time.</summary>
public sealed record TimelineEntry(DateTimeOffset At, AuditEvent? Event, AuditRunEvidence? Evidence, AuditRunDecision? Decision);

public sealed record AuditTimelineViewModel(AuditRunTimeline Timeline, IReadOnlyList<TimelineEntry> Entries, bool CanExport)
{
    public static AuditTimelineViewModel From(AuditRunTimeline timeline, bool canExport)
    {
        // Evidence and decisions sit beside the events that recorded them: at equal times they come first.
        var entries = timeline.Evidence.Select(e => new TimelineEntry(e.AddedAt, null, e, null))
            .Concat(timeline.Decisions.Select(d => new TimelineEntry(d.DecidedAt, null, null, d)))
            .Concat(timeline.Events.Select(e => new TimelineEntry(e.At, e, null, null)))
            .OrderBy(e => e.At).ThenBy(e => e.Event is null ? 0 : 1).ThenBy(e => e.Event?.Seq ?? 0)
            .ToList();
        return new AuditTimelineViewModel(timeline, entries, canExport);
    }
}

/// <summary>Display helpers shared by the audit views.</summary>
public static class AuditDisplay
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    public static string ActorType(AuditActorType type) => AuditCanonicalJson.ActorTypeName(type);

    public static string ActorTypeBadge(AuditActorType type) => type switch
    {
        AuditActorType.Token => "badge text-bg-info",
        AuditActorType.System => "badge text-bg-secondary",
        _ => "badge text-bg-light border",
    };
}
