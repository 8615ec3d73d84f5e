using Checklist.Core.Checklists;

namespace Checklist.Web.Templates;

/// <summary>How a template's items split up, as the list page and the API show it.</summary>
public sealed record TemplateCounts(int Total, int Automated, int Manual, int Required)
{
    public static TemplateCounts Of(ChecklistTemplate template) => new(
        template.Items.Count,
        template.Items.Count(i => i.Probe is not null),
        template.Items.Count(i => i.Manual is not null),
        template.Items.Count(i => i.Required));
}
