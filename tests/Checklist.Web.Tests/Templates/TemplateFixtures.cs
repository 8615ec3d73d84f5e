using Checklist.Core.Checklists;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Templates;

/// <summary>The repository's own templates and the small fixture folders under Templates/Fixtures.</summary>
public static class TemplateFixtures
{
    private static readonly Lazy<string> Repository = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Checklist.sln"))) return Path.Combine(folder.FullName, "checklists");
        }
        throw new InvalidOperationException($"No Checklist.sln above {AppContext.BaseDirectory}.");
    });

    private static readonly Lazy<TemplateCatalog> RepositoryCatalogValue = new(() =>
    {
        var catalog = TemplateLoader.LoadDirectory(Repository.Value);
        Assert.True(catalog.IsValid, string.Join(Environment.NewLine, catalog.Errors));
        return catalog;
    });

    /// <summary>The <c>checklists</c> folder of the source tree: what the app loads by default.</summary>
    public static string RepositoryDirectory => Repository.Value;

    public static TemplateCatalog RepositoryCatalog => RepositoryCatalogValue.Value;

    /// <summary>Every template in <c>checklists/</c>, so a new file is tested without a test edit.</summary>
    public static TheoryData<string> RepositoryTemplateIds()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Repository.Value, "*" + TemplateLoader.Extension).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Templates", "Fixtures", name);

    /// <summary>A fresh folder holding copies of the templates in <paramref name="source"/>, which a test may then change.</summary>
    public static string CopyToTemp(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "checklist-tests", "templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*" + TemplateLoader.Extension))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    /// <summary>Replaces the templates in <paramref name="directory"/> with those of <paramref name="source"/>.</summary>
    public static void ReplaceWith(string directory, string source)
    {
        foreach (var file in Directory.GetFiles(directory)) File.Delete(file);
        foreach (var file in Directory.GetFiles(source, "*" + TemplateLoader.Extension))
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
    }

    /// <summary>An app on the SQLite file <paramref name="databaseFile"/> loading templates from <paramref name="directory"/>.</summary>
    public static ChecklistAppFactory App(string directory, string databaseFile) => new(new Dictionary<string, string?>
    {
        ["Checklist:Templates:Directory"] = directory,
        ["ConnectionStrings:Checklist"] = $"Data Source={databaseFile}",
    });

    public static string TempDatabaseFile() =>
        Path.Combine(Path.GetTempPath(), "checklist-tests", "templates-db-" + Guid.NewGuid().ToString("N"), "checklist.db");
}
