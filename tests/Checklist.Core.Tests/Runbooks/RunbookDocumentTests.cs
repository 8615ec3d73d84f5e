using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

public sealed class RunbookDocumentTests
{
    [Fact]
    public void Constructor_Markdown_HashesUtf8BytesAsLowerHex()
    {
        var document = new RunbookDocument("abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", document.Sha256);
    }

    [Fact]
    public void Constructor_NonAsciiMarkdown_HashesItsUtf8Encoding()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Grüße ✓"u8));

        Assert.Equal(expected, new RunbookDocument("Grüße ✓").Sha256);
    }

    [Fact]
    public void Constructor_Markdown_RendersHtmlThroughTheOnePipeline()
    {
        var document = new RunbookDocument("# Runbook\n\n<b>x</b>");

        Assert.Equal(MarkdownRenderer.ToHtml(document.Markdown), document.Html);
        Assert.Contains("&lt;b&gt;", document.Html, StringComparison.Ordinal);
    }
}
