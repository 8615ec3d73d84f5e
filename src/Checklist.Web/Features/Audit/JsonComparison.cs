using System.Text.Encodings.Web;
using System.Text.Json;

namespace Checklist.Web.Features.Audit;

public enum JsonChange { None, Changed, Added, Removed }

/// <summary>One line of pretty-printed JSON; <see cref="Change"/> says how its member differs on the other side.</summary>
public sealed record JsonLine(string Text, JsonChange Change)
{
    public string CssClass => Change switch
    {
        JsonChange.Changed => "json-line json-changed",
        JsonChange.Added => "json-line json-added",
        JsonChange.Removed => "json-line json-removed",
        _ => "json-line",
    };
}

/// <summary>The before and after of an event as indented lines, with every member that differs marked, and the changed paths.</summary>
public sealed record JsonComparison(IReadOnlyList<JsonLine> Before, IReadOnlyList<JsonLine> After, IReadOnlyList<string> ChangedPaths)
{
    private const string Indent = "  ";

    // Razor encodes the text for HTML; the relaxed encoder only keeps JSON's own \u escapes from hiding characters people need to read.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Compares two JSON texts member by member (objects by name, arrays by position). A member present on one side
    /// only is added or removed; a value that differs is changed; an unchanged object or array is not marked.
    /// </summary>
    public static JsonComparison Compare(string? before, string? after)
    {
        using var beforeDoc = Parse(before);
        using var afterDoc = Parse(after);
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        var beforeLines = new List<JsonLine>();
        var afterLines = new List<JsonLine>();
        if (beforeDoc is not null)
            Write(beforeLines, beforeDoc.RootElement, afterDoc?.RootElement, JsonChange.Removed, "$", null, 0, last: true, changed);
        if (afterDoc is not null)
            Write(afterLines, afterDoc.RootElement, beforeDoc?.RootElement, JsonChange.Added, "$", null, 0, last: true, changed);
        return new JsonComparison(
            beforeLines.Count > 0 ? beforeLines : RawLines(before),
            afterLines.Count > 0 ? afterLines : RawLines(after),
            changed.ToList());
    }

    /// <summary>Stored events were validated as JSON when written; anything else is shown as it is, unmarked.</summary>
    private static JsonDocument? Parse(string? text)
    {
        if (text is null) return null;
        try { return JsonDocument.Parse(text); }
        catch (JsonException) { return null; }
    }

    private static IReadOnlyList<JsonLine> RawLines(string? text) =>
        text is null ? [] : text.Split('\n').Select(l => new JsonLine(l.TrimEnd('\r'), JsonChange.None)).ToList();

    /// <param name="absent">How a member missing from <paramref name="other"/> is marked on this side (removed or added).</param>
    /// <param name="inherited">The mark of an enclosing container that is new, gone or replaced: every line inside takes it.</param>
    private static void Write(List<JsonLine> lines, JsonElement value, JsonElement? other, JsonChange absent, string path, string? name,
        int depth, bool last, SortedSet<string> changed, JsonChange? inherited = null)
    {
        var indent = string.Concat(Enumerable.Repeat(Indent, depth));
        var prefix = indent + (name is null ? "" : JsonSerializer.Serialize(name, Readable) + ": ");
        var comma = last ? "" : ",";
        JsonChange mark;
        if (inherited is { } outer) mark = outer;
        else
        {
            mark = other is not { } counterpart ? absent
                : !SameKind(value, counterpart) ? JsonChange.Changed
                : IsContainer(value) || JsonElement.DeepEquals(value, counterpart) ? JsonChange.None
                : JsonChange.Changed;
            if (mark != JsonChange.None) changed.Add(path);
        }

        if (!IsContainer(value))
        {
            lines.Add(new JsonLine(prefix + Scalar(value) + comma, mark));
            return;
        }
        var isObject = value.ValueKind == JsonValueKind.Object;
        var children = isObject
            ? value.EnumerateObject().Select(p => (Name: (string?)p.Name, Value: p.Value)).ToList()
            : value.EnumerateArray().Select(v => (Name: (string?)null, Value: v)).ToList();
        var (open, close) = isObject ? ("{", "}") : ("[", "]");
        if (children.Count == 0)
        {
            lines.Add(new JsonLine(prefix + open + close + comma, mark));
            return;
        }
        lines.Add(new JsonLine(prefix + open, mark));
        var childInherited = mark == JsonChange.None ? (JsonChange?)null : mark;
        for (var i = 0; i < children.Count; i++)
        {
            var (childName, child) = children[i];
            var childPath = childName is null ? $"{path}[{i}]" : $"{path}.{childName}";
            JsonElement? counterpart = null;
            if (childInherited is null && other is { } o)
            {
                if (childName is not null && o.TryGetProperty(childName, out var found)) counterpart = found;
                else if (childName is null && i < o.GetArrayLength()) counterpart = o[i];
            }
            Write(lines, child, counterpart, absent, childPath, childName, depth + 1, i == children.Count - 1, changed, childInherited);
        }
        lines.Add(new JsonLine(indent + close + comma, mark));
    }

    private static bool IsContainer(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    private static bool SameKind(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind || (a.ValueKind is JsonValueKind.True or JsonValueKind.False && b.ValueKind is JsonValueKind.True or JsonValueKind.False);

    private static string Scalar(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? JsonSerializer.Serialize(e.GetString(), Readable) : e.GetRawText();
}
