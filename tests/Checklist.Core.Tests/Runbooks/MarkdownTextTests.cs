using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("shop-web", "shop-web")]
    [InlineData("2.7.0", "2.7.0")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("1. item", @"1\. item")]
    [InlineData("*bold* _it_", @"\*bold\* \_it\_")]
    [InlineData("[x](javascript:alert(1))", @"\[x\]\(javascript:alert\(1\)\)")]
    [InlineData("<b>&amp;</b>", @"\<b\>\&amp;\</b\>")]
    [InlineData("a | b", @"a \| b")]
    [InlineData("line one\r\nline two\n\nthree", "line one line two three")]
    [InlineData(null, "")]
    public void Escape_UserText_GivesExpectedMarkdown(string? input, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(input));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("# heading")]
    [InlineData("| table |")]
    [InlineData("*bold* _it_ `code` ~~gone~~")]
    [InlineData("1. item")]
    [InlineData("2) item")]
    [InlineData("- item")]
    [InlineData("+ item")]
    [InlineData("> quote")]
    [InlineData("---")]
    [InlineData("===")]
    [InlineData(@"back\slash \* kept")]
    [InlineData("&amp; &lt; &#x41;")]
    [InlineData("![img](x.png) {attr}")]
    [InlineData("    indented code")]
    public void Escape_AnyText_RendersAsTheSameLiteralText(string input)
    {
        var html = MarkdownRenderer.ToHtml(MarkdownText.Escape(input));

        Assert.Equal($"<p>{HtmlText(input.Trim())}</p>\n", html);
    }

    [Fact]
    public void Quote_MultiLineNote_IsEscapedBlockQuote()
    {
        var quoted = MarkdownText.Quote("# not a heading\n\n<script>x</script>\nlast", "  ");

        Assert.Equal("  > \\# not a heading\n  >\n  > \\<script\\>x\\</script\\>\n  > last", quoted);
        var html = MarkdownRenderer.ToHtml(MarkdownText.Quote("# not a heading\n\nsecond paragraph"));
        Assert.Equal("<blockquote>\n<p># not a heading</p>\n<p>second paragraph</p>\n</blockquote>\n", html);
    }

    [Fact]
    public void CodeSpan_TextWithBackticks_UsesLongerFence()
    {
        Assert.Equal("``a`b``", MarkdownText.CodeSpan("a`b"));
        Assert.Equal("<p><code>a`b</code></p>\n", MarkdownRenderer.ToHtml(MarkdownText.CodeSpan("a`b")));
    }

    [Fact]
    public void CodeBlock_TextWithFence_CannotCloseTheBlock()
    {
        var block = MarkdownText.CodeBlock("echo one\n```\n# outside?", "sh");

        Assert.StartsWith("````sh\n", block, StringComparison.Ordinal);
        var html = MarkdownRenderer.ToHtml(block);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.Contains("# outside?", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_UnsafeScheme_IsPlainText()
    {
        var markdown = MarkdownText.Link("click", "javascript:alert(1)");

        Assert.DoesNotContain("](", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("href", MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Link_SafeUrlWithParentheses_StaysOneLink()
    {
        var html = MarkdownRenderer.ToHtml(MarkdownText.Link("wiki [page]", "https://example.com/a_(b) c"));

        Assert.Equal("<p><a href=\"https://example.com/a_%28b%29%20c\">wiki [page]</a></p>\n", html);
    }

    private static string HtmlText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
}
