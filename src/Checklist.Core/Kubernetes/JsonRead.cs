using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes;

/// <summary>
/// Tolerant readers for fields of an object's JSON. Numbers arrive as int, long or double depending on where the
/// object came from (YAML conversion or the API's JSON), so every numeric read goes through here.
/// </summary>
public static class JsonRead
{
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Integer(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<double>(out var d) && Math.Abs(d % 1) < double.Epsilon) return (long)d;
        if (v.TryGetValue<decimal>(out var m) && m % 1 == 0) return (long)m;
        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out var el)) return el;
        return null;
    }

    public static bool? Boolean(JsonNode? node) => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? v.GetValueKind() == JsonValueKind.True
        : null;

    public static bool IsTrue(JsonNode? node) => Boolean(node) == true;

    /// <summary>An int-or-string field (maxUnavailable, minAvailable, ports): the text as written.</summary>
    public static string? IntOrString(JsonNode? node) =>
        Integer(node) is { } i ? i.ToString(CultureInfo.InvariantCulture) : String(node);

    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(String).OfType<string>().ToList() : [];

    /// <summary>A string-to-string map (labels, nodeSelector); non-string values keep their JSON text.</summary>
    public static IReadOnlyDictionary<string, string> Map(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not JsonObject map) return result;
        foreach (var (key, value) in map)
            result[key] = String(value) ?? value?.ToJsonString() ?? "";
        return result;
    }
}
