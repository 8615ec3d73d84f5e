using Checklist.Core.Checklists;

namespace Checklist.Web.Templates;

/// <summary>A citation as a person reads it: the heading and the title of the document it belongs to.</summary>
public sealed record CitationText(string Citation, string Heading, string DocumentTitle);

/// <summary>The titles of the two source documents (shared/source-documents/README.md) that citations point into.</summary>
public static class SourceDocuments
{
    private static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [SourceCitations.BestPractices] = "Production Best Practices",
        [SourceCitations.ProductionGrade] = "Production Grade Applications in Kubernetes",
    };

    private static readonly IReadOnlyDictionary<string, SourceCitation> ByCitation =
        SourceCitations.All.ToDictionary(c => c.Citation, StringComparer.Ordinal);

    public static string Title(string document) => Titles.TryGetValue(document, out var title) ? title : document;

    /// <summary>Items only cite known headings (the loader checks), so an unknown citation is shown as written.</summary>
    public static CitationText Describe(string citation) =>
        ByCitation.TryGetValue(citation, out var known)
            ? new CitationText(citation, known.Heading, Title(known.Document))
            : new CitationText(citation, citation, "");
}
