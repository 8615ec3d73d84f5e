using System.Globalization;
using Checklist.Core.Probes;
using YamlDotNet.Core;

namespace Checklist.Core.Checklists;

/// <summary>Reading single fields and lists with their positions, reporting what is wrong with each.</summary>
internal static partial class TemplateFileParser
{
    private static IReadOnlyList<string> ReadSources(YamlTreeNode node, string prefix, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Sequence)
        {
            sink.Add(node, $"{prefix}'sources' must be a list of citations, found {node.Describe()}");
            return [];
        }
        if (node.Items.Count == 0)
        {
            sink.Add(node, $"{prefix}'sources' must cite at least one section of the source documents");
            return [];
        }
        var citations = new List<string>();
        foreach (var entry in node.Items)
        {
            if (entry.Kind != YamlNodeKind.Scalar || entry.IsNull)
            {
                sink.Add(entry, $"{prefix}a citation must be a string, found {entry.Describe()}");
            }
            else if (!SourceCitations.IsKnown(entry.Value))
            {
                sink.Add(entry, $"{prefix}unknown citation '{entry.Value}'{Suggestions.DidYouMean(entry.Value, SourceCitations.All.Select(c => c.Citation))}");
            }
            else if (citations.Contains(entry.Value))
            {
                sink.Add(entry, $"{prefix}citation '{entry.Value}' is listed twice");
            }
            else
            {
                citations.Add(entry.Value);
            }
        }
        return citations;
    }

    private delegate bool TryParseName<T>(string name, out T value);

    private static IReadOnlyList<T> ReadVocabulary<T>(YamlTreeNode node, string field, string what, TryParseName<T> parse, IReadOnlyCollection<string> allowed, string prefix, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Sequence)
        {
            sink.Add(node, $"{prefix}'{field}' must be a list, found {node.Describe()}");
            return [];
        }
        var values = new List<T>();
        foreach (var entry in node.Items)
        {
            if (entry.Kind == YamlNodeKind.Scalar && parse(entry.Value, out var value))
            {
                if (values.Contains(value))
                {
                    sink.Add(entry, $"{prefix}{what} '{entry.Value}' is listed twice");
                }
                values.Add(value);
            }
            else
            {
                sink.Add(entry, $"{prefix}unknown {what} {entry.Describe()} (allowed: {string.Join(", ", allowed)})");
            }
        }
        return values;
    }

    private static IEnumerable<Located> ReadIdList(YamlTreeNode node, string field, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Sequence)
        {
            sink.Add(node, $"'{field}' must be a list of item ids, found {node.Describe()}");
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in node.Items)
        {
            if (entry.Kind != YamlNodeKind.Scalar || !TemplateItem.IsValidId(entry.Value))
            {
                sink.Add(entry, $"{field}: {entry.Describe()} is not an item id");
            }
            else if (!seen.Add(entry.Value))
            {
                sink.Add(entry, $"{field}: item '{entry.Value}' is listed twice");
            }
            else
            {
                yield return Located.At(entry);
            }
        }
    }

    /// <summary>
    /// The known fields of a mapping by name (first occurrence). Unknown and repeated fields are reported
    /// here, so callers only deal with what they expect.
    /// </summary>
    private static Dictionary<string, YamlTreeNode> ReadFields(YamlTreeNode mapping, string prefix, string[] allowed, ErrorList sink)
    {
        var fields = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var keys = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Pairs)
        {
            if (key.Kind != YamlNodeKind.Scalar)
            {
                sink.Add(key, $"{prefix}a field name must be a string, found {key.Describe()}");
                continue;
            }
            if (keys.TryGetValue(key.Value, out var first))
            {
                sink.Add(key, $"{prefix}field '{key.Value}' appears twice (first at line {first.Line})");
                continue;
            }
            keys[key.Value] = key;
            if (!allowed.Contains(key.Value))
            {
                var hint = Suggestions.DidYouMean(key.Value, allowed);
                sink.Add(key, hint.Length > 0
                    ? $"{prefix}unknown field '{key.Value}'{hint}"
                    : $"{prefix}unknown field '{key.Value}' (allowed: {string.Join(", ", allowed)})");
                continue;
            }
            fields[key.Value] = value;
        }
        return fields;
    }

    private static string? RequiredString(Dictionary<string, YamlTreeNode> fields, YamlTreeNode owner, string field, string prefix, ErrorList sink)
    {
        if (fields.TryGetValue(field, out var node))
        {
            return ReadString(node, field, prefix, sink);
        }
        sink.Add(owner, $"{prefix}missing field '{field}'");
        return null;
    }

    private static string? ReadString(YamlTreeNode node, string field, string prefix, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Scalar || node.IsNull || string.IsNullOrWhiteSpace(node.Value))
        {
            sink.Add(node, $"{prefix}'{field}' must be a non-empty string, found {node.Describe()}");
            return null;
        }
        return node.Value;
    }

    private static bool? ReadBool(YamlTreeNode node, string field, string prefix, ErrorList sink)
    {
        if (node.Kind == YamlNodeKind.Scalar && node.Style == ScalarStyle.Plain && node.Value is "true" or "false")
        {
            return node.Value == "true";
        }
        sink.Add(node, $"{prefix}'{field}' must be true or false, found {node.Describe()}");
        return null;
    }
}
