using Checklist.Core.Checklists;

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
}
