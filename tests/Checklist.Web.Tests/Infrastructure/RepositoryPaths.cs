namespace Checklist.Web.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding Checklist.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Checklists => Path.Combine(Root, "checklists");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Checklist.sln"))) return dir.FullName;
        throw new InvalidOperationException("Checklist.sln not found above " + AppContext.BaseDirectory);
    }
}
