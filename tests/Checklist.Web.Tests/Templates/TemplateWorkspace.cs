using Checklist.Core.Checklists;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Checklist.Web.Tests.Templates;

/// <summary>
/// A temp folder holding a template folder (copied from a fixture, then changed by the test) and a SQLite file
/// that survives app restarts, so a test can load, change the templates, and load again.
/// </summary>
public sealed class TemplateWorkspace : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "checklist-tests", "templates-" + Guid.NewGuid().ToString("N"));

    private TemplateWorkspace(string source)
    {
        Directory.CreateDirectory(TemplateDirectory);
        ReplaceWith(source);
    }

    public string TemplateDirectory => Path.Combine(_root, "checklists");
    public string DatabaseFile => Path.Combine(_root, "checklist.db");

    public static TemplateWorkspace CopyOf(string source) => new(source);

    public string PathOf(string templateId) => Path.Combine(TemplateDirectory, templateId + TemplateLoader.Extension);

    /// <summary>Replaces the templates with those of <paramref name="source"/>.</summary>
    public void ReplaceWith(string source)
    {
        foreach (var file in Directory.GetFiles(TemplateDirectory)) File.Delete(file);
        foreach (var file in Directory.GetFiles(source, "*" + TemplateLoader.Extension))
            File.Copy(file, Path.Combine(TemplateDirectory, Path.GetFileName(file)));
    }

    /// <summary>An app on this workspace's SQLite file, loading its templates.</summary>
    public ChecklistAppFactory App() => new(new Dictionary<string, string?>
    {
        ["Checklist:Templates:Directory"] = TemplateDirectory,
        ["ConnectionStrings:Checklist"] = $"Data Source={DatabaseFile}",
    });

    /// <summary>An app on a PostgreSQL database (from <see cref="PostgresServer"/>), loading this workspace's templates.</summary>
    public ChecklistAppFactory PostgresApp(string connectionString) =>
        new(new Dictionary<string, string?> { ["Checklist:Templates:Directory"] = TemplateDirectory }, connectionString);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }
}
