using System.Globalization;
using Checklist.Core.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace Checklist.Web.Auditing;

/// <summary>
/// The audit log's filters as they arrive in a query string (page, export, API): text, checked by
/// <see cref="AuditFilter.Parse"/>. Property names are the query parameter names.
/// </summary>
public sealed class AuditFilterQuery
{
    public string? Actor { get; set; }
    public string? ActorType { get; set; }
    public string? Action { get; set; }
    public string? RunId { get; set; }
    public string? Service { get; set; }
    public string? Environment { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    /// <summary>The filter's parameters (empty ones left out) with <paramref name="extra"/> added, for links that keep the filter.</summary>
    public string ToQueryString(params (string Name, string? Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) pairs.Add(new(name, value.Trim()));
        }
        Add("actor", Actor);
        Add("actorType", ActorType);
        Add("action", Action);
        Add("runId", RunId);
        Add("service", Service);
        Add("environment", Environment);
        Add("entityType", EntityType);
        Add("entityId", EntityId);
        Add("from", From);
        Add("to", To);
        foreach (var (name, value) in extra) Add(name, value);
        return QueryHelpers.AddQueryString("", pairs);
    }

    public bool IsEmpty =>
        new[] { Actor, ActorType, Action, RunId, Service, Environment, EntityType, EntityId, From, To }.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// A checked audit filter. Every condition is an exact match on an indexed column (or, for service and
/// environment, on the runs they name), so a page of the log stays an index range however long the log is.
/// </summary>
public sealed record AuditFilter(
    string? Actor,
    AuditActorType? ActorType,
    string? Action,
    Guid? RunId,
    string? Service,
    string? Environment,
    string? EntityType,
    string? EntityId,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    public static readonly AuditFilter None = new(null, null, null, null, null, null, null, null, null, null);

    /// <summary>The accepted time formats, for messages: UTC unless an offset is given.</summary>
    public const string TimeFormats = "yyyy-MM-dd, yyyy-MM-ddTHH:mm, yyyy-MM-ddTHH:mm:ss or ISO 8601 with Z or an offset";

    /// <summary>Checks the text; every problem is returned as a message naming the parameter and what it accepts.</summary>
    public static (AuditFilter? Filter, IReadOnlyList<string> Errors) Parse(AuditFilterQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<string>();

        AuditActorType? actorType = null;
        if (Clean(query.ActorType) is { } typeText)
        {
            actorType = typeText.ToLowerInvariant() switch
            {
                "user" => AuditActorType.User,
                "token" => AuditActorType.Token,
                "system" => AuditActorType.System,
                _ => null,
            };
            if (actorType is null) errors.Add($"actorType must be user, token or system, not '{typeText}'.");
        }

        Guid? runId = null;
        if (Clean(query.RunId) is { } runText)
        {
            if (Guid.TryParse(runText, out var parsed)) runId = parsed;
            else errors.Add($"runId must be a run's id (a GUID such as 3f2b8c1e-0000-4000-8000-000000000000), not '{runText}'.");
        }

        var from = ParseTime(query.From, "from", endOfDay: false, errors);
        var to = ParseTime(query.To, "to", endOfDay: true, errors);
        if (from is not null && to is not null && from >= to)
            errors.Add($"from ({AuditCanonicalJson.FormatTime(from.Value)}) must be earlier than to ({AuditCanonicalJson.FormatTime(to.Value)}).");

        if (errors.Count > 0) return (null, errors);
        return (new AuditFilter(Clean(query.Actor), actorType, Clean(query.Action), runId, Clean(query.Service), Clean(query.Environment),
            Clean(query.EntityType), Clean(query.EntityId), from, to), errors);
    }

    public bool NeedsRuns => Service is not null || Environment is not null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// UTC unless the text carries an offset. A date alone means the start of that day for <c>from</c> and the end
    /// of that day for <c>to</c> (so from=2026-11-01&amp;to=2026-11-30 covers all of November 30); <c>to</c> is exclusive.
    /// </summary>
    private static DateTimeOffset? ParseTime(string? text, string name, bool endOfDay, List<string> errors)
    {
        var value = Clean(text);
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && value.Length >= 16 && value[4] == '-' && value[10] is 'T' or 't' or ' ')
            return time;
        errors.Add($"{name} must be a time as {TimeFormats}, not '{value}'.");
        return null;
    }
}
