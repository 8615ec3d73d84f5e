using System.Globalization;
using Checklist.Core.Checklists;

namespace Checklist.Web.Features.Templates;

/// <summary>Item fields as short text, in the template files' own vocabulary, for the item cards and the diff.</summary>
public static class TemplateItemText
{
    public const string Probe = "probe";
    public const string Manual = "manual";

    public static string Verification(TemplateItem item) => item.Probe is not null ? Probe : Manual;

    public static string Value(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable<string> list => string.Join(", ", list),
        _ => value.ToString() ?? "",
    };

    public static string Parameters(ProbeVerification probe) =>
        probe.Parameters.Count == 0 ? "(none)" : string.Join("; ", probe.Parameters.Select(p => $"{p.Key} = {Value(p.Value)}"));

    public static string ManualText(ManualVerification manual) =>
        $"evidence: {string.Join(", ", manual.Evidence.Select(TemplateVocabulary.Name))}; signed off by {TemplateVocabulary.Name(manual.Signoff)}"
        + (manual.FourEyes ? "; four-eyes" : "");

    /// <summary>The value of one of <see cref="TemplateDiff.ItemFields"/> for an item of <paramref name="template"/>.</summary>
    public static string Field(ChecklistTemplate template, TemplateItem item, string field) => field switch
    {
        "section" => item.Section,
        "title" => item.Title,
        "guidance" => item.Guidance,
        "sources" => string.Join(", ", item.Sources),
        "required" => item.Required ? "required" : "recommended",
        "probe" => item.Probe?.ProbeId ?? "(manual)",
        "parameters" => item.Probe is { } probe ? Parameters(probe) : "(manual)",
        "manual" => item.Manual is { } manual ? ManualText(manual) : "(probe)",
        "appliesWhen" => item.AppliesWhen.Count == 0 ? "always" : string.Join(", ", item.AppliesWhen.Select(TemplateVocabulary.Name)),
        "runbook" => item.Runbook.Count == 0 ? "(none)" : string.Join(", ", item.Runbook.Select(TemplateVocabulary.Name)),
        "position" => $"{IndexOf(template, item) + 1} of {template.Items.Count}",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not an item field of TemplateDiff."),
    };

    /// <summary>The value of one of the template-level fields <see cref="TemplateDiff.TemplateFields"/> reports.</summary>
    public static string TemplateField(ChecklistTemplate template, string field) => field switch
    {
        "title" => template.Title,
        "description" => template.Description,
        "extends" => template.Extends ?? "(none)",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a template field of TemplateDiff."),
    };

    private static int IndexOf(ChecklistTemplate template, TemplateItem item)
    {
        for (var i = 0; i < template.Items.Count; i++)
        {
            if (template.Items[i].Id == item.Id) return i;
        }
        return -1;
    }
}
