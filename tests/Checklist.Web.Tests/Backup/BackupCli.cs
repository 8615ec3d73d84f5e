using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Backup;

/// <summary>
/// The built <c>checklist</c> command run as its own process, as an operator runs it, with only the environment
/// the test names deciding which database it works on.
/// </summary>
public static class BackupCli
{
    /// <summary>
    /// The CLI's own build output, in the configuration the tests were built in. Not the copy next to the tests:
    /// there the web app's shared framework stands in for packages the CLI carries itself (Npgsql's logging
    /// abstractions), which a standalone run does not find.
    /// </summary>
    public static string Dll
    {
        get
        {
            // .../tests/Checklist.Web.Tests/bin/<Configuration>/<tfm>/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(RepositoryPaths.Root, "src", "Checklist.Cli", "bin", tfm.Parent!.Name, tfm.Name, "checklist.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the CLI first: {dll} does not exist.");
        }
    }

    public static Task<CliProcess.Result> RunAsync(string workingDirectory, IDictionary<string, string?> environment, params string[] arguments)
    {
        // Only what the test names: nothing from the test run's own environment decides which database is used.
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Checklist"] = null, ["Checklist__Database__Provider"] = null, ["ASPNETCORE_ENVIRONMENT"] = null, ["DOTNET_ENVIRONMENT"] = null,
        };
        foreach (var (key, value) in environment) all[key] = value;
        return CliProcess.RunAsync(Dll, workingDirectory, all, arguments);
    }
}
