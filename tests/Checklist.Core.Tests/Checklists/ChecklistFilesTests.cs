using System.Text.RegularExpressions;
using Checklist.Core.Checklists;
using Checklist.Core.Probes;

namespace Checklist.Core.Tests.Checklists;

/// <summary>The product's own templates in checklists/: a new file is picked up without a test edit.</summary>
public class ChecklistFilesTests
{
    private const string FullTemplateId = "kubernetes-production-readiness";

    private static readonly Lazy<TemplateCatalog> Catalog = new(() => TemplateLoader.LoadDirectory(TemplatePaths.ChecklistsDirectory));

    public static TheoryData<string> TemplateFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(TemplatePaths.ChecklistsDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void LoadDirectory_RepositoryTemplate_LoadsWithoutErrors(string fileName)
    {
        var errors = Catalog.Value.Errors.Where(e => Path.GetFileName(e.File) == fileName).Select(e => e.ToString());

        Assert.Empty(errors);
        Assert.NotNull(Catalog.Value.Find(Path.GetFileNameWithoutExtension(fileName)));
    }

    [Fact]
    public void LoadDirectory_RepositoryTemplates_NoErrorOutsideTemplateFiles()
    {
        Assert.Empty(Catalog.Value.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void FullTemplate_Sources_AreExactlyTheCitationsOfTheSourceReadme()
    {
        var readme = File.ReadAllText(Path.Combine(TemplatePaths.Fixtures, "source-documents-README.md"));
        var expected = Regex.Matches(readme, @"^\| \d+ \| .*? \| `([^`]+)` \|$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal)
            .ToArray();

        var cited = FullTemplate().Items.SelectMany(i => i.Sources).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(64, expected.Length);
        Assert.Equal(expected, cited);
    }

    [Fact]
    public void FullTemplate_Probes_UseEveryProbeOfTheCatalog()
    {
        var used = FullTemplate().Items.Select(i => i.Probe?.ProbeId).OfType<string>().ToHashSet();

        var unused = ProbeDefinitions.All.Select(p => p.Id).Except(used).ToArray();

        Assert.Empty(unused);
        Assert.True(FullTemplate().Items.Count(i => i.Probe is not null) >= 25);
    }

    [Fact]
    public void FullTemplate_ManualItems_NameEvidenceAndSignoff()
    {
        var manual = FullTemplate().Items.Where(i => i.Manual is not null).ToArray();

        Assert.NotEmpty(manual);
        Assert.All(manual, i => Assert.NotEmpty(i.Manual!.Evidence));
        Assert.Contains(manual, i => i.Manual!.Signoff == SignoffRole.ReleaseManager && i.Manual.FourEyes);
    }

    [Fact]
    public void FullTemplate_RunbookSections_AreEachFedByAnItem()
    {
        var fed = FullTemplate().Items.SelectMany(i => i.Runbook).ToHashSet();

        Assert.Equal(Enum.GetValues<RunbookSection>().ToHashSet(), fed);
    }

    [Fact]
    public void PreProduction_Resolved_RelaxesTheFullTemplateAsItsFileSays()
    {
        var full = FullTemplate();
        var pre = Catalog.Value.Find("pre-production")!.Template;

        Assert.Equal(FullTemplateId, pre.Extends);
        Assert.Null(pre.FindItem("maintenance-page"));
        Assert.True(full.FindItem("pdb-present")!.Required);
        Assert.Equal(1, pre.FindItem("replicas-min")!.Probe!.GetInt("min"));
        Assert.Equal(2, full.FindItem("replicas-min")!.Probe!.GetInt("min"));
        Assert.False(pre.FindItem("pdb-present")!.Required);
        Assert.True(pre.FindItem("security-context")!.Required);
        Assert.NotNull(pre.FindItem("staging-data-safe"));
    }

    private static ChecklistTemplate FullTemplate() => Catalog.Value.Find(FullTemplateId)!.Template;
}
