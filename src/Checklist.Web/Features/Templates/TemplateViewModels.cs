using Checklist.Core.Checklists;
using Checklist.Core.Runbooks;
using Checklist.Web.Templates;

namespace Checklist.Web.Features.Templates;

public sealed record TemplateSummaryViewModel(
    string Id, string Title, string DescriptionHtml, string? Extends, TemplateCounts Counts, string ContentHash, int VersionCount)
{
    public string ShortHash => ContentHash[..12];

    public static TemplateSummaryViewModel From(TemplateVersion version, int versionCount) => new(
        version.Id,
        version.Template.Title,
        MarkdownRenderer.ToHtml(version.Template.Description),
        version.Template.Extends,
        TemplateCounts.Of(version.Template),
        version.ContentHash,
        versionCount);
}

/// <summary><paramref name="Removed"/>: templates with stored versions whose file is no longer loaded, with their version counts.</summary>
public sealed record TemplateListViewModel(IReadOnlyList<TemplateSummaryViewModel> Templates, string Directory, IReadOnlyList<KeyValuePair<string, int>> Removed);

public sealed record ParameterViewModel(string Name, string Value, bool IsDefault, string Description);

public sealed record ProbeViewModel(string Id, string Title, string PassesWhen, IReadOnlyList<ParameterViewModel> Parameters);

public sealed record ManualViewModel(IReadOnlyList<string> Evidence, string Signoff, bool FourEyes);

public sealed record TemplateItemViewModel(
    string Id,
    string Section,
    string Title,
    bool Required,
    ProbeViewModel? Probe,
    ManualViewModel? Manual,
    IReadOnlyList<string> AppliesWhen,
    IReadOnlyList<string> Runbook,
    string GuidanceHtml,
    IReadOnlyList<CitationText> Citations)
{
    public string Verification => Probe is not null ? TemplateItemText.Probe : TemplateItemText.Manual;

    public static TemplateItemViewModel From(TemplateItem item) => new(
        item.Id,
        item.Section,
        item.Title,
        item.Required,
        item.Probe is { } probe
            ? new ProbeViewModel(probe.ProbeId, probe.Definition.Title, probe.Definition.PassesWhen,
                probe.Definition.Parameters.Select(p => new ParameterViewModel(
                    p.Name, TemplateItemText.Value(probe.Parameters[p.Name]),
                    TemplateItemText.Value(probe.Parameters[p.Name]) == TemplateItemText.Value(p.Default), p.Description)).ToList())
            : null,
        item.Manual is { } manual
            ? new ManualViewModel(manual.Evidence.Select(TemplateVocabulary.Name).ToList(), TemplateVocabulary.Name(manual.Signoff), manual.FourEyes)
            : null,
        item.AppliesWhen.Select(TemplateVocabulary.Name).ToList(),
        item.Runbook.Select(TemplateVocabulary.Name).ToList(),
        MarkdownRenderer.ToHtml(item.Guidance),
        item.Sources.Select(SourceDocuments.Describe).ToList());
}

public sealed record SectionViewModel(string Name, int TotalCount, IReadOnlyList<TemplateItemViewModel> Items);

public sealed record TemplateDetailsViewModel(
    TemplateSummaryViewModel Template, ItemFilter Filter, IReadOnlyList<string> Sections, IReadOnlyList<SectionViewModel> Shown)
{
    public int ShownCount => Shown.Sum(s => s.Items.Count);

    public static TemplateDetailsViewModel From(TemplateVersion version, int versionCount, string? verification, string? section)
    {
        var items = version.Template.Items;
        // Sections in the order the template first uses them: that order is part of how the checklist reads.
        var sections = items.Select(i => i.Section).Distinct(StringComparer.Ordinal).ToList();
        var filter = ItemFilter.Parse(verification, section, sections);
        var shown = sections
            .Select(name => new SectionViewModel(
                name,
                items.Count(i => i.Section == name),
                items.Where(i => i.Section == name && filter.Matches(i)).Select(TemplateItemViewModel.From).ToList()))
            .Where(s => s.Items.Count > 0)
            .ToList();
        return new TemplateDetailsViewModel(TemplateSummaryViewModel.From(version, versionCount), filter, sections, shown);
    }
}

public sealed record VersionViewModel(string ContentHash, string Title, int ItemCount, DateTimeOffset FirstLoadedAt, bool IsCurrent)
{
    public string ShortHash => ContentHash[..12];
}

public sealed record TemplateVersionsViewModel(string TemplateId, string Title, bool IsLoaded, IReadOnlyList<VersionViewModel> Versions)
{
    /// <summary>The version loaded just before <paramref name="index"/> (the list is newest first), to compare against.</summary>
    public VersionViewModel? Previous(int index) => index + 1 < Versions.Count ? Versions[index + 1] : null;
}

public sealed record FieldChangeViewModel(string Field, string Before, string After)
{
    /// <summary>Long text reads better one above the other than side by side.</summary>
    public bool IsLongText => Field is "guidance" or "description";
}

public sealed record DiffItemViewModel(string Id, string Title, string Section, bool Required, string Verification)
{
    public static DiffItemViewModel From(TemplateItem item) =>
        new(item.Id, item.Title, item.Section, item.Required, TemplateItemText.Verification(item));
}

public sealed record ChangedItemViewModel(string Id, string Title, IReadOnlyList<FieldChangeViewModel> Changes);

public sealed record DiffResultViewModel(
    IReadOnlyList<FieldChangeViewModel> TemplateChanges,
    IReadOnlyList<DiffItemViewModel> Added,
    IReadOnlyList<DiffItemViewModel> Removed,
    IReadOnlyList<ChangedItemViewModel> Changed)
{
    public bool IsEmpty => TemplateChanges.Count == 0 && Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static DiffResultViewModel From(TemplateVersion older, TemplateVersion newer)
    {
        var diff = TemplateDiff.Compare(older, newer);
        var before = older.Template;
        var after = newer.Template;
        return new DiffResultViewModel(
            diff.TemplateFields.Select(f => new FieldChangeViewModel(f, TemplateItemText.TemplateField(before, f), TemplateItemText.TemplateField(after, f))).ToList(),
            diff.Added.Select(DiffItemViewModel.From).ToList(),
            diff.Removed.Select(DiffItemViewModel.From).ToList(),
            diff.Changed.Select(change =>
            {
                var was = before.FindItem(change.ItemId)!;
                var now = after.FindItem(change.ItemId)!;
                return new ChangedItemViewModel(now.Id, now.Title, change.Fields
                    .Select(f => new FieldChangeViewModel(f, TemplateItemText.Field(before, was, f), TemplateItemText.Field(after, now, f)))
                    .ToList());
            }).ToList());
    }
}

public sealed record TemplateDiffViewModel(
    string TemplateId,
    IReadOnlyList<VersionViewModel> Versions,
    VersionViewModel? From,
    VersionViewModel? To,
    string? Error,
    DiffResultViewModel? Result);

/// <summary><paramref name="HasVersions"/>: the template is no longer loaded, but versions of it are stored.</summary>
public sealed record MissingTemplateViewModel(string Id, IReadOnlyList<string> Known, bool HasVersions);
