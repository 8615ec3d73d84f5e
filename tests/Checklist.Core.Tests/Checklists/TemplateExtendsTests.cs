using Checklist.Core.Checklists;

namespace Checklist.Core.Tests.Checklists;

public class TemplateExtendsTests
{
    private static readonly string Base = TemplateYaml.Template("Base",
        TemplateYaml.ProbeItem("liveness"),
        TemplateYaml.ProbeItem("replicas", "replicas-min"),
        TemplateYaml.ProbeItem("pdb", "pdb-present"),
        TemplateYaml.ManualItem("runbook", "release-manager"));

    [Fact]
    public void Load_DerivedTemplate_DropsRecommendsOverridesAndAppends()
    {
        var derived = """
            title: Derived
            description: Lighter.
            extends: base
            drop: [pdb]
            recommend: [runbook]
            parameters:
              replicas:
                min: 1
            items:
            """ + "\n" + TemplateYaml.ManualItem("extra");

        var catalog = TemplateLoader.Load([new("base.yaml", Base), new("derived.yaml", derived)]);

        Assert.Empty(catalog.Errors);
        var template = catalog.Find("derived")!.Template;
        Assert.Equal("base", template.Extends);
        Assert.Equal("Derived", template.Title);
        Assert.Equal(["liveness", "replicas", "runbook", "extra"], template.Items.Select(i => i.Id));
        Assert.False(template.FindItem("runbook")!.Required);
        Assert.Equal(SignoffRole.ReleaseManager, template.FindItem("runbook")!.Manual!.Signoff);
        Assert.Equal(1, template.FindItem("replicas")!.Probe!.GetInt("min"));
        Assert.True(template.FindItem("liveness")!.Required);

        var baseTemplate = catalog.Find("base")!.Template;
        Assert.Equal(2, baseTemplate.FindItem("replicas")!.Probe!.GetInt("min"));
        Assert.True(baseTemplate.FindItem("runbook")!.Required);
    }

    [Fact]
    public void Load_ChainOfThree_AppliesEveryLevel()
    {
        var middle = "title: Middle\ndescription: D\nextends: base\ndrop: [pdb]\n";
        var leaf = "title: Leaf\ndescription: D\nextends: middle\nrecommend: [liveness]\nparameters:\n  replicas:\n    min: 5\n";

        var catalog = TemplateLoader.Load([new("leaf.yaml", leaf), new("middle.yaml", middle), new("base.yaml", Base)]);

        Assert.Empty(catalog.Errors);
        var template = catalog.Find("leaf")!.Template;
        Assert.Equal("middle", template.Extends);
        Assert.Equal(["liveness", "replicas", "runbook"], template.Items.Select(i => i.Id));
        Assert.False(template.FindItem("liveness")!.Required);
        Assert.Equal(5, template.FindItem("replicas")!.Probe!.GetInt("min"));
    }

    [Fact]
    public void Load_DroppedItemRedefined_ReplacesTheBaseItem()
    {
        var derived = "title: Derived\ndescription: D\nextends: base\ndrop: [pdb]\nitems:\n" + TemplateYaml.ManualItem("pdb");

        var catalog = TemplateLoader.Load([new("base.yaml", Base), new("derived.yaml", derived)]);

        Assert.Empty(catalog.Errors);
        var items = catalog.Find("derived")!.Template.Items;
        Assert.Equal(["liveness", "replicas", "runbook", "pdb"], items.Select(i => i.Id));
        Assert.NotNull(items[^1].Manual);
    }

    [Fact]
    public void Load_TwoTemplatesExtendingEachOther_ReportsTheCycleOnBoth()
    {
        var a = "title: A\ndescription: D\nextends: b\n";
        var b = "title: B\ndescription: D\nextends: a\n";

        var catalog = TemplateLoader.Load([new("a.yaml", a), new("b.yaml", b)]);

        Assert.Equal(
            ["a.yaml:3:10: extends: cycle a -> b -> a", "b.yaml:3:10: extends: cycle b -> a -> b"],
            catalog.Errors.Select(e => e.ToString()));
        Assert.Empty(catalog.Templates);
    }

    [Fact]
    public void Load_TemplateExtendingIntoACycle_SaysItsBaseHasErrors()
    {
        var catalog = TemplateLoader.Load([
            new("a.yaml", "title: A\ndescription: D\nextends: b\n"),
            new("b.yaml", "title: B\ndescription: D\nextends: a\n"),
            new("c.yaml", "title: C\ndescription: D\nextends: a\n"),
        ]);

        Assert.Contains("c.yaml:3:10: extends: template 'a' has errors; fix them first", catalog.Errors.Select(e => e.ToString()));
        Assert.Equal(3, catalog.Errors.Count);
    }

    [Fact]
    public void Load_BaseWithErrors_DerivedAsksToFixTheBaseFirst()
    {
        var brokenBase = Base.Replace("probe: pdb-present", "probe: pdb-missing");

        var catalog = TemplateLoader.Load([new("base.yaml", brokenBase), new("derived.yaml", "title: D\ndescription: D\nextends: base\n")]);

        Assert.Equal(
            ["base.yaml:24:12: item 'pdb': unknown probe 'pdb-missing'",
             "derived.yaml:3:10: extends: template 'base' has errors; fix them first"],
            catalog.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_EveryItemDropped_ReportsAnEmptyTemplate()
    {
        var derived = "title: D\ndescription: D\nextends: base\ndrop: [liveness, replicas, pdb, runbook]\n";

        var catalog = TemplateLoader.Load([new("base.yaml", Base), new("derived.yaml", derived)]);

        Assert.Equal(
            ["derived.yaml:3:10: extends: every item of 'base' is dropped and none is added; the template would be empty"],
            catalog.Errors.Select(e => e.ToString()));
    }
}
