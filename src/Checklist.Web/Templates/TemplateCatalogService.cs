using Checklist.Web.Auditing;
using System.Collections.Concurrent;
using Checklist.Core.Checklists;
using Checklist.Web.Data;
using Checklist.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Templates;

/// <summary>
/// The checklist templates of this process: the current catalog, loaded once at start-up from the template
/// folder, and every version ever loaded, kept in the database by content hash. Runs are created from
/// <see cref="Current"/>; a run that keeps the hash it was created from finds that version again with
/// <see cref="FindVersionAsync"/> after the file has changed.
/// </summary>
public sealed class TemplateCatalogService(
    TemplateOptions options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TemplateCatalogService> logger)
{
    private volatile TemplateCatalog? _catalog;
    // Versions are immutable, so one rebuilt from the database stays valid for the life of the process.
    private readonly ConcurrentDictionary<string, TemplateVersion> _stored = new(StringComparer.Ordinal);

    public string Directory => options.Directory;

    public bool IsLoaded => _catalog is not null;

    /// <summary>The current version of every template, ordered by id.</summary>
    public IReadOnlyList<TemplateVersion> Templates => Catalog.Templates;

    /// <summary>The current version of a template, or null when no template has that id.</summary>
    public TemplateVersion? Current(string templateId) => Catalog.Find(templateId);

    private TemplateCatalog Catalog =>
        _catalog ?? throw new InvalidOperationException("The checklist templates are not loaded yet: start-up calls LoadAsync first.");

    /// <summary>
    /// Loads and validates every template in <see cref="Directory"/>, records the versions the database does
    /// not know yet, and makes the result current. Any template error stops the app: running with part of the
    /// checklist, or an old one, would let a release skip checks nobody knows are missing.
    /// </summary>
    /// <exception cref="StartupException">A template has an error; the message lists every one as <c>file:line:column: message</c>.</exception>
    public async Task LoadAsync(CancellationToken ct)
    {
        var catalog = TemplateLoader.LoadDirectory(Directory);
        if (!catalog.IsValid)
            throw new StartupException(DescribeErrors(catalog.Errors));

        var recorded = await RecordNewVersionsAsync(catalog.Templates, ct);
        _catalog = catalog;
        logger.LogInformation("Loaded {Count} checklist templates from {Directory} ({Templates}); {Recorded} new versions recorded",
            catalog.Templates.Count, Directory, string.Join(", ", catalog.Templates.Select(t => $"{t.Id}@{t.ContentHash[..12]}")), recorded);
    }

    /// <summary>
    /// Any version ever loaded, by its full content hash: the current one from memory, an older one rebuilt from
    /// its stored canonical form. Null when no version has that hash.
    /// </summary>
    /// <exception cref="StoredTemplateVersionException">The stored version cannot be rebuilt with its original hash by this build.</exception>
    public async Task<TemplateVersion?> FindVersionAsync(string contentHash, CancellationToken ct)
    {
        var current = Catalog.Templates.FirstOrDefault(t => t.ContentHash == contentHash);
        if (current is not null) return current;
        if (_stored.TryGetValue(contentHash, out var known)) return known;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var row = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.ContentHash == contentHash)
            .Select(v => new { v.TemplateId, v.CanonicalJson, v.RawText })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;

        var version = Rebuild(row.TemplateId, contentHash, row.CanonicalJson, row.RawText);
        return _stored.GetOrAdd(contentHash, version);
    }

    private static TemplateVersion Rebuild(string templateId, string contentHash, string canonicalJson, string rawText)
    {
        var what = $"Version {contentHash[..Math.Min(12, contentHash.Length)]} of template '{templateId}'";
        TemplateVersion version;
        try
        {
            version = new TemplateVersion(CanonicalTemplateReader.Read(canonicalJson), rawText);
        }
        catch (FormatException ex)
        {
            throw new StoredTemplateVersionException($"{what} cannot be rebuilt by this build of Checklist: {ex.Message}.", ex);
        }
        // The probe catalog fills in parameters and defaults, so a probe changed since the version was recorded
        // would silently change what the version means: refuse rather than hand back different content.
        if (version.ContentHash != contentHash)
            throw new StoredTemplateVersionException(
                $"{what} rebuilds with a different content hash ({version.ContentHash[..12]}): the probe catalog changed since it was recorded, so this build cannot show it as it was.");
        return version;
    }

    private async Task<int> RecordNewVersionsAsync(IReadOnlyList<TemplateVersion> templates, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var hashes = templates.Select(t => t.ContentHash).ToList();
        var known = await KnownHashesAsync(db, hashes, ct);
        var now = time.GetUtcNow();
        var added = templates.Where(t => !known.Contains(t.ContentHash)).Select(t => new TemplateVersionRecord(t, now)).ToList();
        if (added.Count == 0) return 0;

        db.TemplateVersions.AddRange(added);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var record in added)
            audit.Record("template.version-recorded", "TemplateVersion", record.ContentHash,
                after: new { templateId = record.TemplateId, record.Title, record.ItemCount, directory = options.Directory });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another replica starting at the same moment may have recorded the same versions first: the unique
            // hash index refused our copy, and the rows we wanted are there. Anything else is a real failure.
            if (await AllKnownAsync(scopes, hashes, ct)) return 0;
            throw;
        }
        return added.Count;
    }

    private static async Task<bool> AllKnownAsync(IServiceScopeFactory scopes, List<string> hashes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        return (await KnownHashesAsync(db, hashes, ct)).Count == hashes.Distinct().Count();
    }

    private static async Task<HashSet<string>> KnownHashesAsync(ChecklistDbContext db, List<string> hashes, CancellationToken ct) =>
        (await db.TemplateVersions.AsNoTracking().Where(v => hashes.Contains(v.ContentHash)).Select(v => v.ContentHash).ToListAsync(ct))
        .ToHashSet(StringComparer.Ordinal);

    private string DescribeErrors(IReadOnlyList<TemplateError> errors)
    {
        var lines = errors.Select(e => e.ToString()).ToList();
        var hint = System.IO.Directory.Exists(Directory)
            ? $"fix them (`checklist templates validate {Directory}` lists them too)"
            : $"set {TemplateOptions.Section}:Directory (environment: Checklist__Templates__Directory) to the folder holding the *.yaml templates";
        var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
        return $"the checklist templates in {Directory} have {count}; {hint}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
