using System.Security.Cryptography;
using System.Text;
using Checklist.Core.Checklists;

namespace Checklist.Core.Tests.Checklists;

public class TemplateVersionTests
{
    private const string Original = """
        title: Hash test
        description: Same content, different formatting.
        items:
          - id: replicas
            section: Availability
            title: Enough replicas
            guidance: |
              Run two or more.
            sources: [production-grade#amount-of-replicas, best-practices#relica-count]
            required: true
            probe: replicas-min
          - id: runbook
            section: Operations
            title: Runbook
            guidance: Write it.
            sources: [best-practices#documentation-and-runbook]
            required: true
            manual:
              evidence: [link]
              signoff: release-manager
        """;

    // Comments, indentation, key order, quoting, flow versus block style and a parameter spelled out at its
    // default: none of it is content.
    private const string Reformatted = """
        # a comment
        description: "Same content, different formatting."
        title: 'Hash test'
        items:
        - title: Enough replicas
          id: replicas
          section:   Availability
          guidance: "Run two or more.\n"
          sources:
          - production-grade#amount-of-replicas
          - best-practices#relica-count
          probe: replicas-min
          parameters: {min: 2}
          required: true
        - {id: runbook, section: Operations, title: Runbook, guidance: Write it., sources: [best-practices#documentation-and-runbook], required: true, manual: {signoff: release-manager, evidence: [link]}}
        """;

    [Fact]
    public void ContentHash_SameText_IsTheSame()
    {
        Assert.Equal(Version(Original).ContentHash, Version(Original).ContentHash);
    }

    [Fact]
    public void ContentHash_FormattingOnlyDifferences_AreIgnored()
    {
        var original = Version(Original);
        var reformatted = Version(Reformatted);

        Assert.NotEqual(original.RawText, reformatted.RawText);
        Assert.Equal(original.ContentHash, reformatted.ContentHash);
    }

    [Theory]
    [InlineData("title: Enough replicas", "title: Enough replicas!")]
    [InlineData("required: true\n    probe", "required: false\n    probe")]
    [InlineData("probe: replicas-min", "probe: replicas-min\n    parameters: {min: 3}")]
    [InlineData("signoff: release-manager", "signoff: engineer")]
    [InlineData("  Run two or more.", "  Run two  or more.")]
    [InlineData("[link]", "[link, file]")]
    public void ContentHash_ContentChange_ChangesTheHash(string from, string to)
    {
        var changed = Original.Replace(from, to);
        Assert.NotEqual(Original, changed);

        Assert.NotEqual(Version(Original).ContentHash, Version(changed).ContentHash);
    }

    [Fact]
    public void ContentHash_BaseTemplateChanged_ChangesTheDerivedHashButNotItsText()
    {
        const string derived = "title: Derived\ndescription: D\nextends: base\n";
        var before = TemplateLoader.Load([new("base.yaml", Original), new("derived.yaml", derived)]).Find("derived")!;
        var after = TemplateLoader.Load([new("base.yaml", Original.Replace("Run two or more.", "Run three or more.")), new("derived.yaml", derived)]).Find("derived")!;

        Assert.Equal(before.RawText, after.RawText);
        Assert.NotEqual(before.ContentHash, after.ContentHash);
    }

    [Fact]
    public void ContentHash_IsSha256HexOfTheCanonicalJson()
    {
        var version = Version(Original);

        Assert.Matches("^[0-9a-f]{64}$", version.ContentHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(version.CanonicalJson))), version.ContentHash);
        Assert.StartsWith("{\"id\":\"hash-test\",\"title\":\"Hash test\"", version.CanonicalJson);
        Assert.Contains("\"parameters\":{\"min\":2}", version.CanonicalJson);
    }

    private static TemplateVersion Version(string text)
    {
        var catalog = TemplateLoader.Load([new TemplateSource("hash-test.yaml", text)]);
        Assert.Empty(catalog.Errors);
        return catalog.Templates.Single();
    }
}
