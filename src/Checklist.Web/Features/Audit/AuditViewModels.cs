using Checklist.Core.Audit;
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
    AuditChainReport? Report);

public sealed record AuditTimelineViewModel(Guid RunId, IReadOnlyList<AuditEvent> Events, bool CanExport);

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
