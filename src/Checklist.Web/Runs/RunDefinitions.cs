using System.Text.Json;
using Checklist.Core.Checklists;
using Checklist.Core.Runs;
using TemplateEvidenceKind = Checklist.Core.Checklists.EvidenceKind;
using TemplateSignoffRole = Checklist.Core.Checklists.SignoffRole;

namespace Checklist.Web.Runs;

/// <summary>Snapshots a template version's items into the run's own definitions when the run is created.</summary>
public static class RunDefinitions
{
    public static IReadOnlyList<RunItemDefinition> From(TemplateVersion version) =>
        version.Template.Items.Select(From).ToList();

    public static RunItemDefinition From(TemplateItem item)
    {
        var probe = item.Probe;
        var manual = item.Manual;
        return new RunItemDefinition(
            item.Id,
            item.Section,
            item.Title,
            item.Guidance,
            item.Sources,
            item.Required,
            probe is not null ? VerificationKind.Probe : VerificationKind.Manual,
            probe?.ProbeId,
            probe is null ? null : JsonSerializer.Serialize(probe.Parameters),
            manual?.Evidence.Select(ToRunKind).ToList() ?? [],
            manual?.Signoff == TemplateSignoffRole.ReleaseManager ? Checklist.Core.Runs.SignoffRole.ReleaseManager : Checklist.Core.Runs.SignoffRole.Engineer,
            manual?.FourEyes ?? false,
            item.Runbook.Select(TemplateVocabulary.Name).ToList(),
            // The template's spelling, comma-separated: the item applies when any one condition holds.
            item.AppliesWhen.Count == 0 ? null : string.Join(", ", item.AppliesWhen.Select(TemplateVocabulary.Name)));
    }

    private static Checklist.Core.Runs.EvidenceKind ToRunKind(TemplateEvidenceKind kind) => kind switch
    {
        TemplateEvidenceKind.File => Checklist.Core.Runs.EvidenceKind.File,
        TemplateEvidenceKind.Link => Checklist.Core.Runs.EvidenceKind.Link,
        _ => Checklist.Core.Runs.EvidenceKind.Note,
    };
}
