using Checklist.Core.Runbooks;
using Microsoft.Extensions.Caching.Memory;

namespace Checklist.Web.Runs;

/// <summary>
/// HTML of Markdown that never changes once written (item guidance snapshotted from a template, evidence notes):
/// the run page shows the same texts on every view, and a template's guidance is the same in every run of it.
/// </summary>
public sealed class MarkdownHtmlCache(IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    public string ToHtml(string markdown) =>
        cache.GetOrCreate(("markdown", markdown), entry =>
        {
            entry.SetOptions(Entry);
            return MarkdownRenderer.ToHtml(markdown);
        })!;
}
