using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Checklist.Web.Tests.Infrastructure;

/// <summary>
/// The built Checklist.Web.dll run as its own process, as an operator runs it: for what only a process shows
/// (exit codes, stdout, SIGTERM).
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private readonly bool _ownsDirectory;
    private bool _disposed;

    private AppProcess(Process process, int port, string directory, bool ownsDirectory)
    {
        _process = process;
        Port = port;
        Directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public int Port { get; }
    public string Directory { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static AppProcess Start(IDictionary<string, string?> environment, string? directory = null)
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "checklist-process", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Checklist"] = $"Data Source={Path.Combine(directory, "checklist.db")}";
        info.Environment["Checklist__Templates__Directory"] = RepositoryPaths.Checklists;
        foreach (var (key, value) in environment)
            if (value is null) info.Environment.Remove(key); else info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var app = new AppProcess(process, port, directory, ownsDirectory);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._stdout) app._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._stderr) app._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {ExitCode}: {Stderr}{Stdout}");
            try
            {
                if ((await client.GetAsync($"{BaseUrl}/healthz/live")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // not listening yet
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app did not answer within {timeout}: {Stderr}{Stdout}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes sends it.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    /// <summary>Kills the process (no graceful shutdown: a crash, as far as the app can tell). Safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        if (!_ownsDirectory) return;
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
