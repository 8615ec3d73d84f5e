namespace Checklist.Core.Checklists;

/// <summary>Loads, validates and resolves checklist templates. Never throws for bad content: it returns errors.</summary>
public static class TemplateLoader
{
    public const string Extension = ".yaml";

    /// <summary>
    /// Loads every <c>*.yaml</c> file directly in <paramref name="directory"/>. Error paths are the directory
    /// as given joined with the file name, so they can be opened from where the caller stands.
    /// </summary>
    public static TemplateCatalog LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new TemplateCatalog([], [new TemplateError(directory, 0, 0, "template directory not found")]);
        }

        var errors = new List<TemplateError>();
        var sources = new List<TemplateSource>();
        string[] paths;
        try
        {
            paths = Directory.GetFiles(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TemplateCatalog([], [new TemplateError(directory, 0, 0, $"cannot list the template directory: {e.Message}")]);
        }
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var shown = Path.Combine(directory, Path.GetFileName(path));
            if (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new TemplateError(shown, 1, 1, $"template files end in {Extension}; rename this file so it is loaded"));
                continue;
            }
            if (!path.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                sources.Add(new TemplateSource(shown, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new TemplateError(shown, 0, 0, $"cannot read the file: {e.Message}"));
            }
        }
        if (sources.Count == 0 && errors.Count == 0)
        {
            errors.Add(new TemplateError(directory, 0, 0, $"no template files (*{Extension}) found"));
        }

        var catalog = Load(sources);
        return new TemplateCatalog(catalog.Templates, errors.Concat(catalog.Errors));
    }

    /// <summary>Loads templates from text (one source per file); templates may extend any other source in the set.</summary>
    public static TemplateCatalog Load(IEnumerable<TemplateSource> sources)
    {
        var errors = new List<TemplateError>();
        var files = new Dictionary<string, TemplateFile>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var file = TemplateFileParser.Parse(source.Path, source.TemplateId, source.Text, errors);
            if (!files.TryAdd(file.Id, file))
            {
                errors.Add(new TemplateError(source.Path, 1, 1, $"template id '{file.Id}' is used by another file too ({files[file.Id].Path})"));
            }
        }
        var templates = new TemplateResolver(files, errors).ResolveAll();
        return new TemplateCatalog(templates, errors);
    }
}
