using System.Text.RegularExpressions;
using Checklist.Core.Checklists;

namespace Checklist.Core.Tests.Checklists;

public class SourceCitationsTests
{
    public static TheoryData<string, string, string> ReadmeRows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (document, heading, citation) in ParseReadme())
        {
            data.Add(document, heading, citation);
        }
        return data;
    }

    [Fact]
    public void All_ComparedWithSourceReadme_ListsTheSameCitationsInOrder()
    {
        var expected = ParseReadme().ToArray();

        Assert.Equal(64, expected.Length);
        Assert.Equal(expected, SourceCitations.All.Select(c => (c.Document, c.Heading, c.Citation)).ToArray());
    }

    [Theory]
    [MemberData(nameof(ReadmeRows))]
    public void Slug_ReadmeHeading_GivesTheReadmeCitation(string document, string heading, string citation)
    {
        Assert.Equal(citation, $"{document}#{SourceCitations.Slug(heading)}");
        Assert.True(SourceCitations.IsKnown(citation));
    }

    [Theory]
    [InlineData("best-practices#Tracing")]
    [InlineData("best-practices#")]
    [InlineData("tracing")]
    public void IsKnown_NotACitation_ReturnsFalse(string citation)
    {
        Assert.False(SourceCitations.IsKnown(citation));
    }

    // The README is copied into the fixtures verbatim: it is the source of truth the Core list must match.
    private static IEnumerable<(string Document, string Heading, string Citation)> ParseReadme()
    {
        string? document = null;
        foreach (var line in File.ReadLines(Path.Combine(TemplatePaths.Fixtures, "source-documents-README.md")))
        {
            var header = Regex.Match(line, @"^## `([a-z-]+)`");
            if (header.Success)
            {
                document = header.Groups[1].Value;
                continue;
            }
            var row = Regex.Match(line, @"^\| \d+ \| (?:&nbsp;)*(.*?) \| `([^`]+)` \|$");
            if (row.Success && document is not null)
            {
                yield return (document, row.Groups[1].Value, row.Groups[2].Value);
            }
        }
    }
}
