using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

/// <summary>
/// Whole runbooks rendered from the shipped templates, compared with reviewed files. A new case is a new
/// folder under Fixtures/Runbooks with data.json; run once with CHECKLIST_UPDATE_GOLDENS=1 to write its
/// expected.md, review it, and commit it.
/// </summary>
public sealed class RunbookRendererGoldenTests
{
    private static readonly RunbookRenderer Renderer = new(RunbookTestFiles.TemplatesDirectory);

    public static TheoryData<string> Cases() => new(RunbookTestFiles.CaseNames());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_FixtureRun_MatchesExpectedMarkdown(string caseName)
    {
        var data = RunbookTestFiles.LoadData(caseName);

        var markdown = Renderer.Render(data, RunbookTestFiles.RenderedAt).Markdown;

        var expectedPath = Path.Combine(RunbookTestFiles.FixturesDirectory, caseName, "expected.md");
        if (RunbookTestFiles.UpdateGoldens)
        {
            File.WriteAllText(Path.Combine(RunbookTestFiles.SourceFixturesDirectory, caseName, "expected.md"), markdown);
            return;
        }

        Assert.True(File.Exists(expectedPath),
            $"{expectedPath} is missing: run the tests with {RunbookTestFiles.UpdateGoldensVariable}=1 and review the file it writes");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), markdown);
    }

    [Fact]
    public void Cases_FixtureFolder_HoldsTheRequiredKinds()
    {
        var names = RunbookTestFiles.CaseNames().ToList();

        Assert.Contains("stateless-helm", names);
        Assert.Contains("statefulset-velero", names);
        Assert.Contains("waivers-no-go", names);
    }
}
