using System.Globalization;
using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes.PodTemplates;

/// <summary>Parses Kubernetes quantities ("500m", "0.5", "1Gi", "1e3") so that requests and limits can be compared.</summary>
public static class ResourceQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1000_000m),
        ("G", 1000_000_000m), ("T", 1000_000_000_000m), ("P", 1000_000_000_000_000m), ("E", 1000_000_000_000_000_000m),
    ];

    public static decimal? Parse(JsonNode? node)
    {
        if (JsonRead.Integer(node) is { } i) return i;
        if (node is JsonValue v && v.TryGetValue<double>(out var d)) return (decimal)d;
        return JsonRead.String(node) is { } s ? Parse(s) : null;
    }

    public static decimal? Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        foreach (var (suffix, factor) in Suffixes)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var number = text[..^suffix.Length];
            // "1e3" ends in no suffix, but "1E" would: only a digit before the suffix makes it one.
            if (number.Length == 0 || !char.IsDigit(number[^1]) && number[^1] != '.') continue;
            return decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n * factor : null;
        }
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }
}
