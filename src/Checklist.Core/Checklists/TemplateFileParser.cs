using System.Globalization;
using Checklist.Core.Probes;
using YamlDotNet.Core;

namespace Checklist.Core.Checklists;

/// <summary>
/// Turns the text of one template file into a <see cref="TemplateFile"/>, reporting every problem it finds
/// (not only the first) with the line and column of the offending node. The schema is in checklists/README.md.
/// </summary>
internal static class TemplateFileParser
{
    private static readonly string[] TemplateFields = ["title", "description", "extends", "drop", "recommend", "parameters", "items"];
    private static readonly string[] ItemFields = ["id", "section", "title", "guidance", "sources", "required", "probe", "parameters", "manual", "appliesWhen", "runbook"];
    private static readonly string[] RequiredItemFields = ["id", "section", "title", "guidance", "sources", "required"];
    private static readonly string[] ManualFields = ["evidence", "signoff", "fourEyes"];

    public static TemplateFile Parse(string path, string id, string text, List<TemplateError> errors)
    {
        var file = new TemplateFile(path, id, text);
        var sink = new ErrorList(path, errors);

        if (!TemplateItem.IsValidId(id))
        {
            sink.Add(1, 1, $"template file name '{id}' is not kebab-case (lowercase letters and digits separated by single dashes); rename the file");
        }

        IReadOnlyList<YamlTreeNode> documents;
        try
        {
            documents = YamlTreeNode.ReadDocuments(text);
        }
        catch (YamlException e)
        {
            sink.Add((int)e.Start.Line, (int)e.Start.Column, $"invalid YAML: {e.Message}");
            file.HasErrors = true;
            return file;
        }
        catch (InvalidOperationException)
        {
            var (line, column) = YamlParserFailure.Locate(text);
            sink.Add(line, column, $"invalid YAML: {YamlParserFailure.Message}");
            file.HasErrors = true;
            return file;
        }

        if (documents.Count == 0)
        {
            sink.Add(1, 1, "the file is empty; a template is a mapping with title, description and items");
        }
        else if (documents.Count > 1)
        {
            sink.Add(documents[1], $"expected one YAML document, found {documents.Count}; put each template in its own file");
        }
        else if (documents[0].Kind != YamlNodeKind.Mapping)
        {
            sink.Add(documents[0], $"a template must be a mapping with title, description and items, found {documents[0].Describe()}");
        }
        else
        {
            ParseTemplate(file, documents[0], sink);
        }

        file.HasErrors = sink.Count > 0;
        return file;
    }

    private static void ParseTemplate(TemplateFile file, YamlTreeNode root, ErrorList sink)
    {
        var fields = ReadFields(root, "", TemplateFields, sink);
        file.Title = RequiredString(fields, root, "title", "", sink) ?? "";
        file.Description = RequiredString(fields, root, "description", "", sink) ?? "";

        if (fields.TryGetValue("extends", out var extends))
        {
            if (ReadString(extends, "extends", "", sink) is { } target)
            {
                file.Extends = new Located(target, extends.Line, extends.Column);
            }
        }

        foreach (var name in new[] { "drop", "recommend", "parameters" })
        {
            if (fields.TryGetValue(name, out var node) && !fields.ContainsKey("extends"))
            {
                sink.Add(node, $"'{name}' only applies to a template that has 'extends'");
            }
        }
        if (fields.TryGetValue("drop", out var drop))
        {
            file.Drop.AddRange(ReadIdList(drop, "drop", sink));
        }
        if (fields.TryGetValue("recommend", out var recommend))
        {
            file.Recommend.AddRange(ReadIdList(recommend, "recommend", sink));
        }
        if (fields.TryGetValue("parameters", out var parameters))
        {
            ReadParameterOverrides(file, parameters, sink);
        }

        if (!fields.TryGetValue("items", out var items))
        {
            if (!fields.ContainsKey("extends"))
            {
                sink.Add(root, "missing field 'items'");
            }
            return;
        }
        if (items.IsNull && fields.ContainsKey("extends"))
        {
            return;
        }
        if (items.Kind != YamlNodeKind.Sequence)
        {
            sink.Add(items, $"'items' must be a list of items, found {items.Describe()}");
            return;
        }
        if (items.Items.Count == 0 && !fields.ContainsKey("extends"))
        {
            sink.Add(items, "'items' must not be empty");
        }

        var seen = new Dictionary<string, Located>(StringComparer.Ordinal);
        for (var index = 0; index < items.Items.Count; index++)
        {
            var parsed = ParseItem(items.Items[index], index, sink, out var itemId);
            if (itemId is null)
            {
                continue;
            }
            if (seen.TryGetValue(itemId.Value, out var first))
            {
                sink.Add(itemId, $"item '{itemId.Value}': duplicate id (first defined at line {first.Line})");
                continue;
            }
            seen[itemId.Value] = itemId;
            if (parsed is not null)
            {
                file.Items.Add(parsed);
            }
        }
    }

    private static void ReadParameterOverrides(TemplateFile file, YamlTreeNode node, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Mapping)
        {
            sink.Add(node, $"'parameters' must map item ids to parameter values, found {node.Describe()}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Pairs)
        {
            if (key.Kind != YamlNodeKind.Scalar || !TemplateItem.IsValidId(key.Value))
            {
                sink.Add(key, $"parameters: {key.Describe()} is not an item id");
                continue;
            }
            if (!seen.Add(key.Value))
            {
                sink.Add(key, $"parameters: item '{key.Value}' appears twice");
                continue;
            }
            if (value.Kind != YamlNodeKind.Mapping)
            {
                sink.Add(value, $"parameters: item '{key.Value}' must map parameter names to values, found {value.Describe()}");
                continue;
            }
            file.ParameterOverrides.Add(new ParameterOverride(Located.At(key), value));
        }
    }

    private static ParsedItem? ParseItem(YamlTreeNode node, int index, ErrorList sink, out Located? itemId)
    {
        itemId = null;
        var label = $"item #{index + 1}";
        if (node.Kind != YamlNodeKind.Mapping)
        {
            sink.Add(node, $"{label}: an item must be a mapping, found {node.Describe()}");
            return null;
        }

        var errorsBefore = sink.Count;
        var idNode = node.Pairs.FirstOrDefault(p => p.Key.Kind == YamlNodeKind.Scalar && p.Key.Value == "id").Value;
        if (idNode is not null && idNode.Kind == YamlNodeKind.Scalar && !idNode.IsNull)
        {
            if (TemplateItem.IsValidId(idNode.Value))
            {
                itemId = Located.At(idNode);
                label = $"item '{idNode.Value}'";
            }
            else
            {
                sink.Add(idNode, $"{label}: id '{idNode.Value}' is not kebab-case (lowercase letters and digits separated by single dashes)");
            }
        }
        var prefix = label + ": ";

        var fields = ReadFields(node, prefix, ItemFields, sink);
        foreach (var name in RequiredItemFields)
        {
            if (!fields.ContainsKey(name))
            {
                sink.Add(node, $"{prefix}missing field '{name}'");
            }
        }
        if (fields.TryGetValue("id", out var id) && (id.Kind != YamlNodeKind.Scalar || id.IsNull))
        {
            sink.Add(id, $"{prefix}'id' must be a string, found {id.Describe()}");
        }

        var section = fields.TryGetValue("section", out var sectionNode) ? ReadString(sectionNode, "section", prefix, sink) : null;
        var title = fields.TryGetValue("title", out var titleNode) ? ReadString(titleNode, "title", prefix, sink) : null;
        var guidance = fields.TryGetValue("guidance", out var guidanceNode) ? ReadString(guidanceNode, "guidance", prefix, sink) : null;
        var sources = fields.TryGetValue("sources", out var sourcesNode) ? ReadSources(sourcesNode, prefix, sink) : [];
        var required = fields.TryGetValue("required", out var requiredNode) ? ReadBool(requiredNode, "required", prefix, sink) : null;
        var verification = ReadVerification(node, fields, prefix, sink);
        var appliesWhen = fields.TryGetValue("appliesWhen", out var appliesNode)
            ? ReadVocabulary<AppliesWhenCondition>(appliesNode, "appliesWhen", "appliesWhen condition", TemplateVocabulary.TryParseCondition, TemplateVocabulary.AppliesWhenConditionNames, prefix, sink)
            : [];
        var runbook = fields.TryGetValue("runbook", out var runbookNode)
            ? ReadVocabulary<RunbookSection>(runbookNode, "runbook", "runbook section", TemplateVocabulary.TryParseRunbookSection, TemplateVocabulary.RunbookSectionNames, prefix, sink)
            : [];

        if (sink.Count > errorsBefore || itemId is null || section is null || title is null || guidance is null || required is null || verification is null)
        {
            return null;
        }
        var item = new TemplateItem(itemId.Value, section, title, guidance, sources, required.Value, verification, appliesWhen, runbook);
        return new ParsedItem(item, itemId);
    }

    private static ItemVerification? ReadVerification(YamlTreeNode item, Dictionary<string, YamlTreeNode> fields, string prefix, ErrorList sink)
    {
        var hasProbe = fields.TryGetValue("probe", out var probeNode);
        var hasManual = fields.TryGetValue("manual", out var manualNode);
        fields.TryGetValue("parameters", out var parametersNode);
        if (hasProbe && hasManual)
        {
            sink.Add(manualNode!, $"{prefix}has both 'probe' and 'manual'; keep one");
            return null;
        }
        if (!hasProbe && !hasManual)
        {
            sink.Add(item, $"{prefix}missing field 'probe' or 'manual' (how the item is verified)");
            return null;
        }
        if (hasManual)
        {
            if (parametersNode is not null)
            {
                sink.Add(parametersNode, $"{prefix}'parameters' only applies to an item with 'probe'");
            }
            return ReadManual(manualNode!, prefix, sink);
        }

        if (ReadString(probeNode!, "probe", prefix, sink) is not { } probeId)
        {
            return null;
        }
        var definition = ProbeDefinitions.Find(probeId);
        if (definition is null)
        {
            sink.Add(probeNode!, $"{prefix}unknown probe '{probeId}'{Suggestions.DidYouMean(probeId, ProbeDefinitions.All.Select(p => p.Id))}");
            return null;
        }
        if (parametersNode is null)
        {
            return new ProbeVerification(probeId);
        }
        var values = ReadParameters(definition, parametersNode, prefix, sink);
        return values is null ? null : new ProbeVerification(probeId, values);
    }

    /// <summary>Reads a mapping of parameter values for a probe; null when any of them is wrong (each is reported).</summary>
    internal static Dictionary<string, object>? ReadParameters(ProbeDefinition definition, YamlTreeNode node, string prefix, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Mapping)
        {
            sink.Add(node, $"{prefix}'parameters' must map parameter names to values, found {node.Describe()}");
            return null;
        }
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, value) in node.Pairs)
        {
            var parameter = key.Kind == YamlNodeKind.Scalar ? definition.Parameter(key.Value) : null;
            if (parameter is null)
            {
                var known = definition.Parameters.Count == 0
                    ? "it takes no parameters"
                    : "parameters: " + string.Join(", ", definition.Parameters.Select(p => p.Name));
                sink.Add(key, $"{prefix}probe '{definition.Id}' has no parameter {key.Describe()} ({known})");
                ok = false;
                continue;
            }
            if (values.ContainsKey(parameter.Name))
            {
                sink.Add(key, $"{prefix}parameter '{parameter.Name}' appears twice");
                ok = false;
                continue;
            }
            if (ReadParameterValue(parameter.Type, value) is { } parsed)
            {
                values[parameter.Name] = parsed;
            }
            else
            {
                sink.Add(value, $"{prefix}parameter '{parameter.Name}' of probe '{definition.Id}' must be {ParameterTypeNames.Describe(parameter.Type)}, found {value.Describe()}");
                ok = false;
            }
        }
        return ok ? values : null;
    }

    private static object? ReadParameterValue(ProbeParameterType type, YamlTreeNode node)
    {
        var plain = node.Kind == YamlNodeKind.Scalar && node.Style == ScalarStyle.Plain;
        return type switch
        {
            ProbeParameterType.Integer when plain && int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            ProbeParameterType.Boolean when plain && node.Value is "true" or "false" => node.Value == "true",
            ProbeParameterType.String when node.Kind == YamlNodeKind.Scalar && !node.IsNull => node.Value,
            ProbeParameterType.StringList when node.Kind == YamlNodeKind.Sequence && node.Items.All(n => n.Kind == YamlNodeKind.Scalar && !n.IsNull)
                => node.Items.Select(n => n.Value).ToArray(),
            _ => null,
        };
    }

    private static ManualVerification? ReadManual(YamlTreeNode node, string itemPrefix, ErrorList sink)
    {
        var prefix = itemPrefix + "manual: ";
        if (node.Kind != YamlNodeKind.Mapping)
        {
            sink.Add(node, $"{prefix}must be a mapping with evidence and signoff, found {node.Describe()}");
            return null;
        }
        var errorsBefore = sink.Count;
        var fields = ReadFields(node, prefix, ManualFields, sink);
        IReadOnlyList<EvidenceKind> evidence = [];
        if (fields.TryGetValue("evidence", out var evidenceNode))
        {
            evidence = ReadVocabulary<EvidenceKind>(evidenceNode, "evidence", "evidence kind", TemplateVocabulary.TryParseEvidenceKind, TemplateVocabulary.EvidenceKindNames, prefix, sink);
            if (evidence.Count == 0 && evidenceNode.Kind == YamlNodeKind.Sequence)
            {
                sink.Add(evidenceNode, $"{prefix}'evidence' must name at least one of: {string.Join(", ", TemplateVocabulary.EvidenceKindNames)}");
            }
        }
        else
        {
            sink.Add(node, $"{prefix}missing field 'evidence'");
        }

        SignoffRole? signoff = null;
        if (fields.TryGetValue("signoff", out var signoffNode))
        {
            if (ReadString(signoffNode, "signoff", prefix, sink) is { } name)
            {
                if (TemplateVocabulary.TryParseSignoffRole(name, out var role))
                {
                    signoff = role;
                }
                else
                {
                    sink.Add(signoffNode, $"{prefix}unknown signoff role '{name}' (allowed: {string.Join(", ", TemplateVocabulary.SignoffRoleNames)})");
                }
            }
        }
        else
        {
            sink.Add(node, $"{prefix}missing field 'signoff'");
        }

        var fourEyes = fields.TryGetValue("fourEyes", out var fourEyesNode) ? ReadBool(fourEyesNode, "fourEyes", prefix, sink) : false;
        if (sink.Count > errorsBefore || signoff is null || fourEyes is null)
        {
            return null;
        }
        return new ManualVerification(evidence, signoff.Value, fourEyes.Value);
    }

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
