namespace Checklist.Core.Tests.Checklists;

internal static class TemplatePaths
{
    /// <summary>The repository root: the first folder above the test binaries that holds Checklist.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ChecklistsDirectory => Path.Combine(RepositoryRoot, "checklists");

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Templates");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Checklist.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Checklist.sln above {AppContext.BaseDirectory}.");
    }
}
