using System.Text.Json;
using System.Text.Json.Serialization;
using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

/// <summary>Where the runbook tests find templates and fixtures, and how fixture data is read.</summary>
internal static class RunbookTestFiles
{
    /// <summary>Set to 1 to rewrite every expected.md from the current templates (then review the diff).</summary>
    public const string UpdateGoldensVariable = "CHECKLIST_UPDATE_GOLDENS";

    /// <summary>The fixed render time of every golden file, so backup names and dates do not drift.</summary>
    public static readonly DateTimeOffset RenderedAt = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TemplatesDirectory => Path.Combine(RepoRoot, "templates");

    /// <summary>Fixtures as copied next to the test assembly.</summary>
    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Runbooks");

    /// <summary>Fixtures in the source tree, where regenerated goldens are written.</summary>
    public static string SourceFixturesDirectory => Path.Combine(RepoRoot, "tests", "Checklist.Core.Tests", "Fixtures", "Runbooks");

    public static bool UpdateGoldens => Environment.GetEnvironmentVariable(UpdateGoldensVariable) == "1";

    public static IEnumerable<string> CaseNames() =>
        Directory.EnumerateDirectories(FixturesDirectory)
            .Where(directory => File.Exists(Path.Combine(directory, "data.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static RunbookData LoadData(string caseName)
    {
        var path = Path.Combine(FixturesDirectory, caseName, "data.json");
        return JsonSerializer.Deserialize<RunbookData>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidOperationException($"{path} holds no runbook data");
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Checklist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Checklist.sln above {AppContext.BaseDirectory}");
    }
}
