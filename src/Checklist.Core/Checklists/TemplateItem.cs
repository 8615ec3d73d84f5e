using System.Text.RegularExpressions;

namespace Checklist.Core.Checklists;

/// <summary>
/// One item of a checklist template. Its <see cref="Id"/> is stable across versions: runs reference it.
/// </summary>
public sealed partial class TemplateItem
{
    public TemplateItem(
        string id,
        string section,
        string title,
        string guidance,
        IEnumerable<string> sources,
        bool required,
        ItemVerification verification,
        IEnumerable<AppliesWhenCondition>? appliesWhen = null,
        IEnumerable<RunbookSection>? runbook = null)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"Item id '{id}' is not kebab-case.", nameof(id));
        }
        RequireText(section, nameof(section));
        RequireText(title, nameof(title));
        RequireText(guidance, nameof(guidance));
        var citations = sources.ToArray();
        if (citations.Length == 0)
        {
            throw new ArgumentException($"Item '{id}' cites no source.", nameof(sources));
        }
        foreach (var citation in citations)
        {
            if (!SourceCitations.IsKnown(citation))
            {
                throw new ArgumentException($"Item '{id}' cites unknown source '{citation}'.", nameof(sources));
            }
        }

        Id = id;
        Section = section;
        Title = title;
        Guidance = guidance;
        Sources = Array.AsReadOnly(citations.Distinct(StringComparer.Ordinal).ToArray());
        Required = required;
        Verification = verification ?? throw new ArgumentNullException(nameof(verification));
        AppliesWhen = Array.AsReadOnly((appliesWhen ?? []).Distinct().ToArray());
        Runbook = Array.AsReadOnly((runbook ?? []).Distinct().ToArray());
    }

    public string Id { get; }
    public string Section { get; }
    public string Title { get; }
    /// <summary>Markdown: what to check, why it matters, how to fix it.</summary>
    public string Guidance { get; }
    /// <summary>Citations from <see cref="SourceCitations"/>.</summary>
    public IReadOnlyList<string> Sources { get; }
    public bool Required { get; }
    public ItemVerification Verification { get; }
    /// <summary>Empty: always applies. Otherwise the item applies when at least one condition holds.</summary>
    public IReadOnlyList<AppliesWhenCondition> AppliesWhen { get; }
    public IReadOnlyList<RunbookSection> Runbook { get; }

    public ProbeVerification? Probe => Verification as ProbeVerification;
    public ManualVerification? Manual => Verification as ManualVerification;

    public TemplateItem WithRequired(bool required) =>
        new(Id, Section, Title, Guidance, Sources, required, Verification, AppliesWhen, Runbook);

    public TemplateItem WithVerification(ItemVerification verification) =>
        new(Id, Section, Title, Guidance, Sources, Required, verification, AppliesWhen, Runbook);

    public static bool IsValidId(string? id) => id is not null && KebabCase().IsMatch(id);

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
