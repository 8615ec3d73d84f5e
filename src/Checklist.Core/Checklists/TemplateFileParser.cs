using System.Globalization;
using Checklist.Core.Probes;
using YamlDotNet.Core;

namespace Checklist.Core.Checklists;

/// <summary>
/// Turns the text of one template file into a <see cref="TemplateFile"/>, reporting every problem it finds
/// (not only the first) with the line and column of the offending node. The schema is in checklists/README.md.
/// </summary>
internal static partial class TemplateFileParser
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
}
