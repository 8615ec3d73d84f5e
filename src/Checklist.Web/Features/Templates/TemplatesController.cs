using Checklist.Web.Data;
using Checklist.Web.Security;
using Checklist.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Features.Templates;

[Authorize(Policy = AuthorizationPolicies.Read)]
[Route("templates")]
public sealed class TemplatesController(TemplateCatalogService templates, ChecklistDbContext db) : Controller
{
    /// <summary>Hashes are shown shortened; a prefix this long is accepted in the diff query when it is unambiguous.</summary>
    private const int MinimumHashPrefix = 7;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var versionCounts = await db.TemplateVersions.AsNoTracking()
            .GroupBy(v => v.TemplateId)
            .Select(g => new { TemplateId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TemplateId, g => g.Count, ct);
        var rows = templates.Templates
            .Select(t => TemplateSummaryViewModel.From(t, versionCounts.GetValueOrDefault(t.Id)))
            .ToList();
        var removed = versionCounts
            .Where(c => templates.Current(c.Key) is null)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return View(new TemplateListViewModel(rows, templates.Directory, removed));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(string id, string? verification, string? section, CancellationToken ct)
    {
        var version = templates.Current(id);
        if (version is null) return Missing(id, await db.TemplateVersions.AnyAsync(v => v.TemplateId == id, ct));
        var versionCount = await db.TemplateVersions.CountAsync(v => v.TemplateId == id, ct);
        return View(TemplateDetailsViewModel.From(version, versionCount, verification, section));
    }

    [HttpGet("{id}/versions")]
    public async Task<IActionResult> Versions(string id, CancellationToken ct)
    {
        var versions = await LoadVersionsAsync(id, ct);
        if (versions.Count == 0) return Missing(id);
        var current = templates.Current(id);
        return View(new TemplateVersionsViewModel(id, current?.Template.Title ?? versions[0].Title, current is not null, versions));
    }

    [HttpGet("{id}/diff")]
    public async Task<IActionResult> Diff(string id, string? from, string? to, CancellationToken ct)
    {
        var versions = await LoadVersionsAsync(id, ct);
        if (versions.Count == 0) return Missing(id);

        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            return DiffView(new TemplateDiffViewModel(id, versions, null, null,
                "Choose two versions to compare: /templates/" + id + "/diff?from=HASH&to=HASH, where HASH is a content hash (or its first "
                + MinimumHashPrefix + " characters) from the version history.", null), StatusCodes.Status400BadRequest);

        var (older, olderError) = Resolve(versions, from, "from", id);
        var (newer, newerError) = Resolve(versions, to, "to", id);
        if (older is null || newer is null)
        {
            var (message, status) = olderError ?? newerError!.Value;
            return DiffView(new TemplateDiffViewModel(id, versions, older, newer, message, null), status);
        }

        try
        {
            var olderVersion = await templates.FindVersionAsync(older.ContentHash, ct);
            var newerVersion = await templates.FindVersionAsync(newer.ContentHash, ct);
            // Both hashes come from this template's rows, so both versions exist.
            var result = DiffResultViewModel.From(olderVersion!, newerVersion!);
            return DiffView(new TemplateDiffViewModel(id, versions, older, newer, null, result), StatusCodes.Status200OK);
        }
        catch (StoredTemplateVersionException ex)
        {
            return DiffView(new TemplateDiffViewModel(id, versions, older, newer, ex.Message, null), StatusCodes.Status409Conflict);
        }
    }

    private async Task<List<VersionViewModel>> LoadVersionsAsync(string id, CancellationToken ct)
    {
        var current = templates.Current(id)?.ContentHash;
        return await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == id)
            .OrderByDescending(v => v.FirstLoadedAt).ThenBy(v => v.ContentHash)
            .Select(v => new VersionViewModel(v.ContentHash, v.Title, v.ItemCount, v.FirstLoadedAt, v.ContentHash == current))
            .ToListAsync(ct);
    }

    private static (VersionViewModel? Version, (string Message, int Status)? Error) Resolve(
        IReadOnlyList<VersionViewModel> versions, string hash, string parameter, string id)
    {
        var prefix = hash.Trim().ToLowerInvariant();
        if (prefix.Length < MinimumHashPrefix)
            return (null, ($"'{parameter}' must be a content hash or at least its first {MinimumHashPrefix} characters, not '{hash}'.", StatusCodes.Status400BadRequest));
        var matches = versions.Where(v => v.ContentHash.StartsWith(prefix, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, ($"Template '{id}' has no version '{hash}' ('{parameter}'); the version history lists its versions.", StatusCodes.Status404NotFound)),
            _ => (null, ($"'{hash}' ('{parameter}') matches more than one version of '{id}': give more characters of the hash.", StatusCodes.Status400BadRequest)),
        };
    }

    private ViewResult DiffView(TemplateDiffViewModel model, int status)
    {
        var view = View("Diff", model);
        view.StatusCode = status;
        return view;
    }

    private ViewResult Missing(string id, bool hasVersions = false)
    {
        var view = View("Missing", new MissingTemplateViewModel(id, templates.Templates.Select(t => t.Id).ToList(), hasVersions));
        view.StatusCode = StatusCodes.Status404NotFound;
        return view;
    }
}
