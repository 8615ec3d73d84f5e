using Checklist.Core.Checklists;

namespace Checklist.Core.Tests.Checklists;

/// <summary>
/// Broken templates in Fixtures/Templates/broken, each with the exact error lines it must produce in a
/// sibling .expected.txt. The fixtures may extend the valid templates in Fixtures/Templates/bases.
/// </summary>
public class TemplateFixtureTests
{
    private static string BrokenDirectory => Path.Combine(TemplatePaths.Fixtures, "broken");

    public static TheoryData<string> BrokenFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(BrokenDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFixtures))]
    public void Load_BrokenFixture_ReportsExactlyTheExpectedErrors(string fileName)
    {
        var expectedPath = Path.Combine(BrokenDirectory, Path.GetFileNameWithoutExtension(fileName) + ".expected.txt");
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToArray();
        var sources = Directory.EnumerateFiles(Path.Combine(TemplatePaths.Fixtures, "bases"), "*.yaml")
            .Select(p => new TemplateSource("bases/" + Path.GetFileName(p), File.ReadAllText(p)))
            .Append(new TemplateSource(fileName, File.ReadAllText(Path.Combine(BrokenDirectory, fileName))));

        var catalog = TemplateLoader.Load(sources);

        Assert.NotEmpty(expected);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', catalog.Errors.Select(e => e.ToString())));
        Assert.Null(catalog.Find(Path.GetFileNameWithoutExtension(fileName)));
    }

    [Fact]
    public void BrokenFixtures_EveryExpectationFile_HasItsTemplate()
    {
        var orphans = Directory.EnumerateFiles(BrokenDirectory, "*.expected.txt")
            .Select(p => Path.GetFileName(p)[..^".expected.txt".Length] + ".yaml")
            .Where(name => !File.Exists(Path.Combine(BrokenDirectory, name)));

        Assert.Empty(orphans);
    }

    [Fact]
    public void Bases_FixtureBase_IsValid()
    {
        var catalog = TemplateLoader.LoadDirectory(Path.Combine(TemplatePaths.Fixtures, "bases"));

        Assert.Empty(catalog.Errors.Select(e => e.ToString()));
        Assert.NotEmpty(catalog.Templates);
    }
}
