using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Checklist.Core.Runbooks;

/// <summary>
/// The product's one Markdown-to-HTML pipeline (runbook preview, evidence notes, template guidance).
/// Built once: raw HTML is shown as text, and links or images whose scheme is not http, https or mailto
/// (or an in-page anchor) are turned into plain text.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>
    /// Only extensions that cannot produce script or attributes: generic attributes, media links and
    /// similar extensions of Markdig's "advanced" set are deliberately left out.
    /// </summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .DisableHtml()
        .Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        RemoveUnsafeLinks(document);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static void RemoveUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!SafeUrl.IsAllowed(link.Url))
            {
                link.ReplaceBy(new LiteralInline(PlainText(link)));
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !SafeUrl.IsAllowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    private static string PlainText(ContainerInline container)
    {
        var text = string.Concat(container.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));
        return text.Length > 0 ? text : container is LinkInline { Url: { } url } ? url : string.Empty;
    }
}
