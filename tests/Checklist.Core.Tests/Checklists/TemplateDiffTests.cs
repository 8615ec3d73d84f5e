using Checklist.Core.Checklists;

namespace Checklist.Core.Tests.Checklists;

public class TemplateDiffTests
{
    [Fact]
    public void Compare_SameContent_IsEmpty()
    {
        var text = TemplateYaml.Template("T", TemplateYaml.ProbeItem("a"), TemplateYaml.ManualItem("b"));

        var diff = TemplateDiff.Compare(Load(text), Load(text));

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compare_ItemsAddedRemovedAndChanged_ReportsEachWithItsFields()
    {
        var older = Load(TemplateYaml.Template("T",
            TemplateYaml.ProbeItem("kept"),
            TemplateYaml.ProbeItem("removed"),
            TemplateYaml.ProbeItem("retuned", "replicas-min"),
            TemplateYaml.ProbeItem("relaxed")));
        var newer = Load(TemplateYaml.Template("T2",
            TemplateYaml.ProbeItem("kept"),
            TemplateYaml.ProbeItem("retuned", "replicas-min", parameters: "{min: 3}"),
            TemplateYaml.ProbeItem("relaxed", required: false).Replace("Guidance for relaxed.", "New guidance."),
            TemplateYaml.ManualItem("added")));

        var diff = TemplateDiff.Compare(older, newer);

        Assert.Equal(["title"], diff.TemplateFields);
        Assert.Equal(["added"], diff.Added.Select(i => i.Id));
        Assert.Equal(["removed"], diff.Removed.Select(i => i.Id));
        Assert.Equal(2, diff.Changed.Count);
        Assert.Equal("retuned", diff.Changed[0].ItemId);
        Assert.Equal(["parameters"], diff.Changed[0].Fields);
        Assert.Equal("relaxed", diff.Changed[1].ItemId);
        Assert.Equal(["guidance", "required"], diff.Changed[1].Fields);
    }

    [Fact]
    public void Compare_ProbeReplacedByManual_ReportsProbeAndManual()
    {
        var older = Load(TemplateYaml.Template("T", TemplateYaml.ProbeItem("check")));
        var newer = Load(TemplateYaml.Template("T", TemplateYaml.ManualItem("check")));

        var change = Assert.Single(TemplateDiff.Compare(older, newer).Changed);

        Assert.Equal(["sources", "probe", "manual"], change.Fields);
    }

    [Fact]
    public void Compare_ItemMoved_ReportsPositionOnlyForItemsThatChangedPlace()
    {
        var older = Load(TemplateYaml.Template("T", TemplateYaml.ProbeItem("a"), TemplateYaml.ProbeItem("b"), TemplateYaml.ProbeItem("c")));
        var newer = Load(TemplateYaml.Template("T", TemplateYaml.ProbeItem("b"), TemplateYaml.ProbeItem("a"), TemplateYaml.ProbeItem("c")));
        var inserted = Load(TemplateYaml.Template("T", TemplateYaml.ProbeItem("new"), TemplateYaml.ProbeItem("a"), TemplateYaml.ProbeItem("b"), TemplateYaml.ProbeItem("c")));

        var moved = TemplateDiff.Compare(older, newer);
        var grown = TemplateDiff.Compare(older, inserted);

        Assert.Equal(["b", "a"], moved.Changed.Select(c => c.ItemId));
        Assert.All(moved.Changed, c => Assert.Equal(["position"], c.Fields));
        Assert.Empty(grown.Changed);
        Assert.Equal(["new"], grown.Added.Select(i => i.Id));
    }

    [Fact]
    public void Compare_BaseTemplateChanged_ShowsInTheDerivedTemplate()
    {
        var derived = "title: D\ndescription: D\nextends: base\n";
        var older = TemplateLoader.Load([new("base.yaml", TemplateYaml.Template("B", TemplateYaml.ProbeItem("a"))), new("derived.yaml", derived)]);
        var newer = TemplateLoader.Load([new("base.yaml", TemplateYaml.Template("B", TemplateYaml.ProbeItem("a", "readiness-probe"))), new("derived.yaml", derived)]);

        var diff = TemplateDiff.Compare(older.Find("derived")!, newer.Find("derived")!);

        Assert.Equal(["probe"], Assert.Single(diff.Changed).Fields);
    }

    private static ChecklistTemplate Load(string text)
    {
        var catalog = TemplateLoader.Load([new TemplateSource("t.yaml", text)]);
        Assert.Empty(catalog.Errors);
        return catalog.Templates.Single().Template;
    }
}
