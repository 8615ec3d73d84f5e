using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new YamlLocatedException(node.Start, $"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw new YamlLocatedException(keyNode.Start, "a mapping key must be a plain value");
            if (key == "<<")
                throw new YamlLocatedException(keyNode.Start, "YAML merge keys (<<) are not supported by Kubernetes");
            if (result.ContainsKey(key))
                throw new YamlLocatedException(keyNode.Start, $"duplicate key '{key}'");
            result[key] = Convert(valueNode);
        }
        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
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
        if (tag is not null && tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) && tag != "tag:yaml.org,2002:str")
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

/// <summary>A conversion problem with the YAML position it happened at.</summary>
internal sealed class YamlLocatedException(Mark start, string message) : Exception(message)
{
    public Mark At { get; } = start;
}
