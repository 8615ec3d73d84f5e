namespace Checklist.Web.Operations;

/// <summary>
/// Finds a content folder the app ships with (<c>checklists</c>, <c>templates</c>): the configured path when one is
/// set (relative to the content root); otherwise that folder of the source tree when the app runs from one (found
/// from the content root or from the app's own folder, so <c>dotnet run</c>, the tests and the built app started
/// from any working directory find it); else the folder next to the content root, where publishing puts it
/// (<c>/app/checklists</c> in the container).
/// </summary>
public static class ContentFolder
{
    private const string SolutionFile = "Checklist.sln";

    public static string Resolve(string? configured, string contentRoot, string folderName)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, contentRoot);
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                    return Path.Combine(folder.FullName, folderName);
            }
        }
        return Path.Combine(Path.GetFullPath(contentRoot), folderName);
    }
}
