using System.Diagnostics;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Backup;

/// <summary>
/// The built <c>checklist</c> command run as its own process, as an operator runs it, with only the environment
/// the test names deciding which database it works on.
/// </summary>
public static class BackupCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

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

    public static async Task<Result> RunAsync(string workingDirectory, IDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [Dll, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what the test names: nothing from the test run's own environment decides which database is used.
        foreach (var key in new[] { "ConnectionStrings__Checklist", "Checklist__Database__Provider", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            info.Environment.Remove(key);
        foreach (var (key, value) in environment)
            if (value is null) info.Environment.Remove(key); else info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
