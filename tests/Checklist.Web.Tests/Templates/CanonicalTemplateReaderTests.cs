using Checklist.Core.Checklists;
using Checklist.Web.Templates;

namespace Checklist.Web.Tests.Templates;

public sealed class CanonicalTemplateReaderTests
{
    [Theory]
    [MemberData(nameof(TemplateFixtures.RepositoryTemplateIds), MemberType = typeof(TemplateFixtures))]
    public void Read_RepositoryTemplate_RebuildsTheSameVersion(string templateId)
    {
        var version = TemplateFixtures.RepositoryCatalog.Find(templateId)!;

        var rebuilt = new TemplateVersion(CanonicalTemplateReader.Read(version.CanonicalJson), version.RawText);

        Assert.Equal(version.ContentHash, rebuilt.ContentHash);
        Assert.Equal(version.CanonicalJson, rebuilt.CanonicalJson);
        Assert.True(TemplateDiff.Compare(version, rebuilt).IsEmpty);
        Assert.Equal(version.Template.Extends, rebuilt.Template.Extends);
    }

    [Theory]
    [InlineData("{", "not a canonical template")]
    [InlineData("""{"id":"demo","title":"Demo","description":""}""", "not a canonical template")]
    [InlineData("""{"id":"demo","title":"Demo","description":"","items":[{"id":"a","section":"S","title":"T","guidance":"G","sources":["production-grade#backups"],"required":true,"probe":"no-such-probe","parameters":{},"appliesWhen":[],"runbook":[]}]}""", "Unknown probe 'no-such-probe'")]
    [InlineData("""{"id":"demo","title":"Demo","description":"","items":[{"id":"a","section":"S","title":"T","guidance":"G","sources":["production-grade#backups"],"required":true,"manual":{"evidence":["photo"],"signoff":"engineer","fourEyes":false},"appliesWhen":[],"runbook":[]}]}""", "'photo' is not a known EvidenceKind")]
    public void Read_NotACanonicalTemplate_ThrowsFormatExceptionSayingWhy(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CanonicalTemplateReader.Read(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_ProbeParametersOfEveryType_KeepsTheirValues()
    {
        var template = new ChecklistTemplate("demo", "Demo", "", [
            new TemplateItem("a", "S", "T", "G", ["production-grade#configuration"], true,
                new ProbeVerification("config-externalized", new Dictionary<string, object> { ["secretNamePatterns"] = new[] { "pin", "otp" } })),
            new TemplateItem("b", "S", "T", "G", ["production-grade#security"], false,
                new ProbeVerification("security-context", new Dictionary<string, object> { ["requireReadOnlyRootFilesystem"] = false })),
            new TemplateItem("c", "S", "T", "G", ["production-grade#amount-of-replicas"], true,
                new ProbeVerification("replicas-min", new Dictionary<string, object> { ["min"] = 3 }),
                [AppliesWhenCondition.HasStatefulSets], [RunbookSection.Rollback, RunbookSection.SmokeTest]),
            new TemplateItem("d", "S", "T", "G", ["production-grade#resource-requests-and-limits"], true,
                new ProbeVerification("qos-class", new Dictionary<string, object> { ["minClass"] = "Guaranteed" })),
        ]);
        var version = new TemplateVersion(template, "");

        var rebuilt = CanonicalTemplateReader.Read(version.CanonicalJson);

        Assert.Equal(["pin", "otp"], rebuilt.FindItem("a")!.Probe!.GetStringList("secretNamePatterns"));
        Assert.False(rebuilt.FindItem("b")!.Probe!.GetBool("requireReadOnlyRootFilesystem"));
        Assert.Equal(3, rebuilt.FindItem("c")!.Probe!.GetInt("min"));
        Assert.Equal([RunbookSection.Rollback, RunbookSection.SmokeTest], rebuilt.FindItem("c")!.Runbook);
        Assert.Equal("Guaranteed", rebuilt.FindItem("d")!.Probe!.GetString("minClass"));
        Assert.Equal(version.ContentHash, new TemplateVersion(rebuilt, "").ContentHash);
    }
}
