using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>
/// Turns a YAML node into System.Text.Json nodes, typing plain scalars the way kubectl does (it converts YAML to
/// JSON with go-yaml's YAML 1.1 rules), so probes judge what the API server will receive: <c>3</c>, <c>0x1F</c>,
/// <c>0644</c> (octal) and <c>1_000</c> are integers; <c>true</c>, <c>yes</c>, <c>on</c>, <c>y</c> (and their
/// negatives) are booleans, so <c>hostNetwork: yes</c> is caught; <c>null</c>, <c>~</c> and empty are null.
/// Anything quoted, a block scalar or a value tagged <c>!!str</c> stays a string.
/// </summary>
internal static partial class YamlJsonConverter
{
    /// <summary>
    /// Reads every document of a YAML text straight from the parser's events (no intermediate node tree, which
    /// halves the allocations on large bundles). Anchors are expanded; merge keys and duplicate keys are errors.
    /// </summary>
    public static List<YamlDocumentNode> ReadDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<YamlDocumentNode>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            var start = parser.Current!.Start;
            List<Mark>? itemStarts = null;
            var root = ReadNode(parser, anchors, isRoot: true, ref itemStarts);
            parser.Consume<DocumentEnd>();
            documents.Add(new YamlDocumentNode(root, start, itemStarts));
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors, bool isRoot, ref List<Mark>? itemStarts)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlLocatedException(alias.Start, $"unknown anchor '{alias.Value.Value}'");
            return target?.DeepClone();
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ConvertScalar(scalar);
            Remember(anchors, scalar.Anchor, value);
            return value;
        }
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var none = (List<Mark>?)null;
                array.Add(ReadNode(parser, anchors, isRoot: false, ref none));
            }
            Remember(anchors, sequenceStart.Anchor, array);
            return array;
        }
        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (!parser.TryConsume<Scalar>(out var keyEvent))
                    throw new YamlLocatedException(parser.Current!.Start, "a mapping key must be a plain value");
                var key = keyEvent.Value;
                if (key == "<<" && keyEvent.Style == ScalarStyle.Plain)
                    throw new YamlLocatedException(keyEvent.Start, "YAML merge keys (<<) are not supported by Kubernetes");
                if (map.ContainsKey(key))
                    throw new YamlLocatedException(keyEvent.Start, $"duplicate key '{key}'");
                if (isRoot && key == "items" && parser.Current is SequenceStart)
                {
                    // The items of a List: remember where each starts, so findings point at the item, not the list.
                    var starts = new List<Mark>();
                    var items = new JsonArray();
                    parser.Consume<SequenceStart>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        starts.Add(parser.Current!.Start);
                        var none = (List<Mark>?)null;
                        items.Add(ReadNode(parser, anchors, isRoot: false, ref none));
                    }
                    itemStarts = starts;
                    map[key] = items;
                    continue;
                }
                var child = (List<Mark>?)null;
                map[key] = ReadNode(parser, anchors, isRoot: false, ref child);
            }
            Remember(anchors, mappingStart.Anchor, map);
            return map;
        }
        throw new YamlLocatedException(parser.Current?.Start ?? Mark.Empty, $"unexpected YAML event {parser.Current?.GetType().Name}");
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = value?.DeepClone();
    }

    private static JsonNode? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!") return JsonValue.Create(text);
        if (tag is null && scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        if (tag is "tag:yaml.org,2002:null" || (tag is null && text is "" or "~" or "null" or "Null" or "NULL")) return null;
        if (tag is "tag:yaml.org,2002:bool" || tag is null)
        {
            if (TrueWords.Contains(text)) return JsonValue.Create(true);
            if (FalseWords.Contains(text)) return JsonValue.Create(false);
        }
        if ((tag is "tag:yaml.org,2002:int" || tag is null) && ParseInteger(text) is { } n)
            return n is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)n) : JsonValue.Create(n);
        if ((tag is "tag:yaml.org,2002:float" || tag is null) && FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        if (tag is not null && tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
            throw new YamlLocatedException(scalar.Start, $"'{text}' is not a valid {tag["tag:yaml.org,2002:".Length..]}");
        return JsonValue.Create(text);
    }

    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal) { "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON" };
    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal) { "false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF" };

    /// <summary>An integer as go-yaml reads one: underscores ignored, 0x hex, 0b binary, 0o or a leading 0 octal.</summary>
    private static long? ParseInteger(string text)
    {
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (!IntegerPattern().IsMatch(plain)) return null;
        var negative = plain[0] == '-';
        var digits = plain[0] is '-' or '+' ? plain[1..] : plain;
        try
        {
            long value;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) value = System.Convert.ToInt64(digits[2..], 16);
            else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) value = System.Convert.ToInt64(digits[2..], 2);
            else if (digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) value = System.Convert.ToInt64(digits[2..], 8);
            else if (digits.Length > 1 && digits[0] == '0')
            {
                if (digits.Any(c => c is '8' or '9')) return null; // "08" is not octal; go-yaml reads it as a float
                value = System.Convert.ToInt64(digits, 8);
            }
            else value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return negative ? -value : value;
        }
        catch (Exception e) when (e is OverflowException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

/// <summary>One document: its root (null for an empty document), where the root starts, and where each item of a root "items" list starts.</summary>
internal sealed record YamlDocumentNode(JsonNode? Root, Mark Start, IReadOnlyList<Mark>? ItemStarts);

/// <summary>A conversion problem with the YAML position it happened at.</summary>
internal sealed class YamlLocatedException(Mark start, string message) : Exception(message)
{
    public Mark At { get; } = start;
}
