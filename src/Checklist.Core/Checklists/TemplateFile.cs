namespace Checklist.Core.Checklists;

/// <summary>A string from a template file with the position it was read at.</summary>
internal sealed record Located(string Value, int Line, int Column)
{
    public static Located At(YamlTreeNode node) => new(node.Value, node.Line, node.Column);
}

/// <summary>A derived template's parameter override for one inherited item, kept as YAML until the base is resolved.</summary>
internal sealed record ParameterOverride(Located ItemId, YamlTreeNode Values);

/// <summary>An item that parsed without errors, with the position of its id (for errors found later, during resolution).</summary>
internal sealed record ParsedItem(TemplateItem Item, Located Id);

/// <summary>One template file after parsing and before <c>extends</c> is resolved.</summary>
internal sealed class TemplateFile
{
    public TemplateFile(string path, string id, string text)
    {
        Path = path;
        Id = id;
        Text = text;
    }

    public string Path { get; }
    public string Id { get; }
    public string Text { get; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Located? Extends { get; set; }
    public List<Located> Drop { get; } = [];
    public List<Located> Recommend { get; } = [];
    public List<ParameterOverride> ParameterOverrides { get; } = [];
    public List<ParsedItem> Items { get; } = [];
    /// <summary>Set when parsing reported an error: such a file is not resolved, and templates extending it say so.</summary>
    public bool HasErrors { get; set; }
}
