using System.Diagnostics;

namespace Checklist.Web.Tests.Infrastructure;

/// <summary>Runs the built `checklist` command as a process, as a CI pipeline would.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "checklist.dll");

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(Dll, workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs a build of the command with these environment variables set (null removes one).</summary>
    public static async Task<Result> RunAsync(string dll, string workingDirectory, IDictionary<string, string?> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
