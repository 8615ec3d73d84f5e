using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>
/// Turns a YAML node into System.Text.Json nodes with the scalar typing of the YAML 1.2 core schema:
/// plain <c>3</c> is a number, <c>true</c> a boolean, <c>null</c>/<c>~</c>/empty a null; anything quoted, a block
/// scalar or tagged <c>!!str</c> stays a string. (YAML 1.1 words such as yes/no stay strings, as in 1.2.)
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
            if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
            if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        }
        if (tag is "tag:yaml.org,2002:int" || tag is null)
        {
            if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                return n is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)n) : JsonValue.Create(n);
            if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                return JsonValue.Create(hex);
            if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
                return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
        }
        if ((tag is "tag:yaml.org,2002:float" || tag is null) && FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        if (tag is not null && tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) && tag != "tag:yaml.org,2002:str")
            throw new YamlLocatedException(scalar.Start, $"'{text}' is not a valid {tag["tag:yaml.org,2002:".Length..]}");
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

/// <summary>A conversion problem with the YAML position it happened at.</summary>
internal sealed class YamlLocatedException(Mark start, string message) : Exception(message)
{
    public Mark At { get; } = start;
}
