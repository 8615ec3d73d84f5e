using System.Globalization;
using System.Text;

namespace Checklist.Core.Audit;

/// <summary>
/// The canonical JSON of an audit event: the text its hash covers. It is one JSON object without whitespace,
/// with exactly these members in this order:
/// <c>seq</c> (integer), <c>at</c>, <c>actorId</c>, <c>actorName</c>, <c>actorType</c> ("user", "token" or "system"),
/// <c>sourceAddress</c>, <c>action</c>, <c>entityType</c>, <c>entityId</c>, <c>runId</c> (lowercase GUID with hyphens),
/// <c>before</c>, <c>after</c>, <c>correlationId</c>. Absent values are <c>null</c>. <c>before</c> and <c>after</c> are
/// JSON strings holding the stored JSON text, not nested objects, so no re-formatting by a database changes them.
/// <c>at</c> is UTC as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (seven fractional digits).
/// Strings are escaped minimally: <c>"</c> and <c>\</c> with a backslash; backspace, form feed, newline, carriage
/// return and tab as <c>\b \f \n \r \t</c>; other characters below U+0020 and unpaired surrogates as <c>\u</c> with four
/// lowercase hex digits; every other character is written as itself. The text is encoded as UTF-8.
/// This is byte for byte what Python's <c>json.dumps(fields, ensure_ascii=False, separators=(",", ":"))</c> writes
/// for a dict built in that order, so the chain can be re-computed offline without .NET (the one difference: an
/// unpaired surrogate, which Python cannot encode as UTF-8 at all, is written as its <c>\u</c> escape here).
/// Hand-written rather than System.Text.Json's encoder: that encoder's escaping set is an implementation detail
/// that may change between .NET versions, and a hash over it would then stop verifying.
/// </summary>
public static class AuditCanonicalJson
{
    public static string Write(AuditEvent e)
    {
        var sb = new StringBuilder(256 + (e.Before?.Length ?? 0) + (e.After?.Length ?? 0));
        Write(sb, e);
        return sb.ToString();
    }

    internal static void Write(StringBuilder sb, AuditEvent e)
    {
        sb.Append("{\"seq\":").Append(e.Seq.ToString(CultureInfo.InvariantCulture));
        sb.Append(",\"at\":\"").Append(FormatTime(e.At)).Append('"');
        Member(sb, "actorId", e.ActorId);
        Member(sb, "actorName", e.ActorName);
        Member(sb, "actorType", ActorTypeName(e.ActorType));
        Member(sb, "sourceAddress", e.SourceAddress);
        Member(sb, "action", e.Action);
        Member(sb, "entityType", e.EntityType);
        Member(sb, "entityId", e.EntityId);
        Member(sb, "runId", e.RunId?.ToString("D"));
        Member(sb, "before", e.Before);
        Member(sb, "after", e.After);
        Member(sb, "correlationId", e.CorrelationId);
        sb.Append('}');
    }

    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string ActorTypeName(AuditActorType type) => type switch
    {
        AuditActorType.Token => "token",
        AuditActorType.System => "system",
        _ => "user",
    };

    private static void Member(StringBuilder sb, string name, string? value)
    {
        sb.Append(",\"").Append(name).Append("\":");
        if (value is null)
        {
            sb.Append("null");
            return;
        }
        sb.Append('"');
        AppendEscaped(sb, value);
        sb.Append('"');
    }

    private static void AppendEscaped(StringBuilder sb, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => Unicode(c),
                _ when char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) => Unicode(c),
                _ when char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])) => Unicode(c),
                _ => null,
            };
            if (escape is null) continue;
            sb.Append(value, start, i - start).Append(escape);
            start = i + 1;
        }
        sb.Append(value, start, value.Length - start);
    }

    private static string Unicode(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
