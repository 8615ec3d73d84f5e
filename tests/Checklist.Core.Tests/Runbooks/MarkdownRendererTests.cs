using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void ToHtml_RawHtml_IsShownAsText()
    {
        var html = MarkdownRenderer.ToHtml("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("relative/path")]
    public void ToHtml_LinkWithUnsafeTarget_RendersLabelAsPlainText(string url)
    {
        var html = MarkdownRenderer.ToHtml($"See [the label]({url}) now.");

        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        Assert.Equal("<p>See the label now.</p>\n", html);
    }

    [Theory]
    [InlineData("![alt text](javascript:alert(1))")]
    [InlineData("![alt text](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    public void ToHtml_ImageWithUnsafeSource_RendersAltTextOnly(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("alt text", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ReferenceLinkAndAutolinkWithUnsafeScheme_AreNotClickable()
    {
        var html = MarkdownRenderer.ToHtml("[click][ref] and <javascript:alert(1)>\n\n[ref]: javascript:alert(2)\n");

        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        Assert.Contains("click", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[site](https://example.com/a?b=c)", "href=\"https://example.com/a?b=c\"")]
    [InlineData("[plain](http://example.com)", "href=\"http://example.com\"")]
    [InlineData("[mail](mailto:ops@example.com)", "href=\"mailto:ops@example.com\"")]
    [InlineData("[section](#rollback)", "href=\"#rollback\"")]
    [InlineData("Visit https://example.com today", "href=\"https://example.com\"")]
    public void ToHtml_SafeLink_IsKept(string markdown, string expected)
    {
        Assert.Contains(expected, MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_TablesAndTaskLists_Render()
    {
        var html = MarkdownRenderer.ToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Contains("checked=\"checked\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_GenericAttributeSyntax_DoesNotAddAttributes()
    {
        var html = MarkdownRenderer.ToHtml("# Title {onclick=\"alert(1)\"}\n\n[x](https://example.com){onmouseover=\"alert(2)\"}\n");

        Assert.DoesNotContain("onclick=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onmouseover=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Null_RendersNothing()
    {
        Assert.Equal(string.Empty, MarkdownRenderer.ToHtml(null));
    }
}
