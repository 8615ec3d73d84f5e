using System.Text.RegularExpressions;
using Checklist.Core.Runbooks;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Checklist.Core.Tests.Runbooks;

public sealed class RunbookRendererTests
{
    private const string Attack = "<script>alert(1)</script>\n[x](javascript:alert(1))\n# heading\n| table |";

    private static readonly RunbookRenderer Shipped = new(RunbookTestFiles.TemplatesDirectory);

    private static readonly RunbookData Minimal = new()
    {
        Release = new RunbookRelease
        {
            Service = "shop",
            Version = "1.0.0",
            Environment = "production",
            Namespace = "shop",
            TemplateId = "web-service",
            TemplateVersionHash = "abc123",
        },
    };

    public static TheoryData<string, string> TemplateFilesAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RunbookTestFiles.TemplatesDirectory, "*.hbs").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var caseName in RunbookTestFiles.CaseNames())
            {
                data.Add(file!, caseName);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TemplateFilesAndCases))]
    public void RenderFile_EveryShippedTemplateForEveryFixtureRun_RendersCompleteMarkdown(string fileName, string caseName)
    {
        var data = RunbookTestFiles.LoadData(caseName);

        var markdown = Shipped.RenderFile(fileName, data, RunbookTestFiles.RenderedAt);

        Assert.False(string.IsNullOrWhiteSpace(markdown), $"{fileName} rendered nothing for {caseName}");
        Assert.DoesNotContain("{{", markdown, StringComparison.Ordinal);
        Assert.StartsWith("#", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>{", MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShippedTemplates_LoadsEveryHbsFileOfTheFolder()
    {
        var onDisk = Directory.EnumerateFiles(RunbookTestFiles.TemplatesDirectory, "*.hbs").Select(Path.GetFullPath).Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, Shipped.TemplatePaths);
    }

    [Fact]
    public void Render_UserTextWithMarkdownAndHtml_IsInertInMarkdownAndHtml()
    {
        var attacked = RunWithUserText(Attack);
        var benign = RunWithUserText("plain words");

        var document = Shipped.Render(attacked, RunbookTestFiles.RenderedAt);
        var baseline = Shipped.Render(benign, RunbookTestFiles.RenderedAt);

        // Read the Markdown as any CommonMark renderer with tables would, HTML enabled: nothing the user
        // wrote may become HTML, a heading, a table or a link.
        var generic = new MarkdownPipelineBuilder().UsePipeTables().Build();
        var parsed = Markdig.Markdown.Parse(document.Markdown, generic);
        var parsedBaseline = Markdig.Markdown.Parse(baseline.Markdown, generic);
        Assert.Empty(parsed.Descendants<HtmlBlock>());
        Assert.Empty(parsed.Descendants<HtmlInline>());
        Assert.DoesNotContain(parsed.Descendants<LinkInline>(), link => !SafeUrl.IsAllowed(link.Url));
        Assert.Equal(parsedBaseline.Descendants<HeadingBlock>().Count(), parsed.Descendants<HeadingBlock>().Count());
        Assert.Equal(parsedBaseline.Descendants<Table>().Count(), parsed.Descendants<Table>().Count());
        Assert.Contains(@"\<script\>alert\(1\)\</script\>", document.Markdown, StringComparison.Ordinal);

        Assert.DoesNotContain("<script", document.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", document.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", document.Html, StringComparison.Ordinal);
        Assert.Equal(Count(baseline.Html, "<h1"), Count(document.Html, "<h1"));
        Assert.Equal(Count(baseline.Html, "<table"), Count(document.Html, "<table"));
        Assert.Equal(Count(baseline.Html, "<a "), Count(document.Html, "<a "));
    }

    [Fact]
    public void Render_SameData_GivesSameHashAndHashOfMarkdown()
    {
        var data = RunbookTestFiles.LoadData("stateless-helm");

        var first = Shipped.Render(data, RunbookTestFiles.RenderedAt);
        var second = Shipped.Render(data, RunbookTestFiles.RenderedAt);

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(new RunbookDocument(first.Markdown).Sha256, first.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", first.Sha256);
        Assert.Contains("<h2 id=\"rollback\">Rollback</h2>", first.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnclosedBlock_NamesFileAndLine()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\n{{> deploy}}\n"),
            ("deploy.hbs", "## Deploy\n\n{{#if Namespace}}\nkubectl -n {{sh Namespace}} apply\n"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(folder.Path));

        Assert.Equal(folder.FilePath("deploy.hbs"), error.FilePath);
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{folder.FilePath("deploy.hbs")}:3:1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MismatchedClose_NamesFileAndLineOfTheClose()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\n{{#if Namespace}}\n{{#each Images}}\n- {{Reference}}\n{{/if}}\n{{/each}}\n"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(folder.Path));

        Assert.Equal(folder.FilePath("runbook.md.hbs"), error.FilePath);
        Assert.Equal(6, error.Line);
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnterminatedExpression_NamesFileAndLineHandlebarsReports()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\nline two\n{{Release.Service \"unterminated}}\n"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(folder.Path));

        Assert.Equal(folder.FilePath("runbook.md.hbs"), error.FilePath);
        Assert.Equal(4, error.Line);
        Assert.StartsWith($"{folder.FilePath("runbook.md.hbs")}:4:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadExpression_NamesFileAndLine()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\n{{Release.Service}}\n\n{{date At=}}\n"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(folder.Path));

        Assert.Equal(5, error.Line);
        Assert.Contains("date At=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingPartial_NamesPartialFileAndLine()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\n{{> summary}}\n\n{{> rollbak}}\n"),
            ("summary.hbs", "## Summary\n"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(folder.Path));

        Assert.Equal(folder.FilePath("runbook.md.hbs"), error.FilePath);
        Assert.Equal(5, error.Line);
        Assert.Contains("partial 'rollbak' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("rollbak.hbs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoMainTemplate_SaysWhichFileIsMissing()
    {
        using var folder = new TemporaryTemplateFolder(("summary.hbs", "## Summary\n"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(folder.Path));

        Assert.Contains(RunbookRenderer.MainTemplateFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownField_NamesFileAndLineOfTheBinding()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\n{{> summary}}\n"),
            ("summary.hbs", "## Summary\n\nService: {{Release.Service}}\nOwner: {{Release.Ownr}}\n"));
        var renderer = new RunbookRenderer(folder.Path);

        var error = Assert.Throws<RunbookTemplateException>(() => renderer.Render(Minimal, RunbookTestFiles.RenderedAt));

        Assert.Equal(folder.FilePath("summary.hbs"), error.FilePath);
        Assert.Equal(4, error.Line);
        Assert.Contains("Ownr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HelperCalledWithoutItsArgument_NamesTheFile()
    {
        using var folder = new TemporaryTemplateFolder(
            ("runbook.md.hbs", "# Runbook\n\n{{> deploy}}\n"),
            ("deploy.hbs", "## Deploy\n\n```sh\nkubectl -n {{sh}} apply\n```\n"));
        var renderer = new RunbookRenderer(folder.Path);

        var error = Assert.Throws<RunbookTemplateException>(() => renderer.Render(Minimal, RunbookTestFiles.RenderedAt));

        Assert.Equal(folder.FilePath("deploy.hbs"), error.FilePath);
        Assert.Contains("helper 'sh' needs 1 argument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverrideFolder_ReplacesPartialOfTheSameNameOnly()
    {
        using var overrides = new TemporaryTemplateFolder(
            ("contacts.hbs", "## Contacts\n\nCall the {{Release.Service}} hotline, ext. 4711.\n"));
        var renderer = new RunbookRenderer(RunbookTestFiles.TemplatesDirectory, overrides.Path);

        var markdown = renderer.Render(RunbookTestFiles.LoadData("stateless-helm"), RunbookTestFiles.RenderedAt).Markdown;

        Assert.Contains("Call the shop-web hotline, ext. 4711.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Dana Reyes | Service owner |", markdown, StringComparison.Ordinal);
        Assert.Contains("helm rollback shop-web 12 -n shop", markdown, StringComparison.Ordinal);
        Assert.Contains(overrides.FilePath("contacts.hbs"), renderer.TemplatePaths);
    }

    [Fact]
    public void Constructor_OverrideFolderMissing_Throws()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-runbook-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<RunbookTemplateException>(() => new RunbookRenderer(RunbookTestFiles.TemplatesDirectory, missing));

        Assert.Equal(missing, error.FilePath);
    }

    private static RunbookData RunWithUserText(string text) => RunbookTestFiles.LoadData("stateless-helm") with
    {
        Sections =
        [
            new RunbookSection
            {
                Title = text,
                Items =
                [
                    new RunbookItem
                    {
                        Id = "load-test",
                        Title = text,
                        State = RunbookItemState.SignedOff,
                        Required = true,
                        Who = text,
                        Comment = text,
                        Evidence =
                        [
                            new RunbookEvidence { Kind = RunbookEvidenceKind.Note, Text = text, Author = text },
                            new RunbookEvidence { Kind = RunbookEvidenceKind.Link, Name = text, Url = "javascript:alert(1)" },
                            new RunbookEvidence { Kind = RunbookEvidenceKind.File, Name = text, Sha256 = text },
                        ],
                    },
                ],
            },
        ],
        Waivers = [new RunbookWaiver { ItemId = "load-test", Justification = text, RequestedBy = text, ApprovedBy = text }],
        Contacts = [new RunbookContact { Name = text, Role = text, Email = text, Phone = text }],
        Decision = new RunbookDecision
        {
            Outcome = RunbookDecisionOutcome.Go,
            By = text,
            At = RunbookTestFiles.RenderedAt,
            Comment = text,
        },
    };

    private static int Count(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;
}
