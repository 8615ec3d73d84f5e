using System.Net;
using System.Text.Json;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Operations;

/// <summary>What an operator sees of the app as a process: exit codes, log lines, and SIGTERM.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_UnknownProvider_ExitsNonZeroWithTheSettingNamed()
    {
        using var app = AppProcess.Start(new Dictionary<string, string?> { ["Checklist__Database__Provider"] = "Oracle" });
        Assert.Equal(1, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("Checklist:Database:Provider must be Sqlite or Postgres, not 'Oracle'", app.Stderr);
        Assert.DoesNotContain("   at ", app.Stderr + app.Stdout);
    }

    [Fact]
    public async Task Start_PostgresUnreachable_ExitsNonZeroWithAClearMessage()
    {
        using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["Checklist__Database__Provider"] = "Postgres",
            ["Checklist__Database__StartupTimeoutSeconds"] = "1",
            ["ConnectionStrings__Checklist"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=1",
        });
        Assert.Equal(1, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("The Postgres database could not be reached within 1 s", app.Stderr);
        Assert.DoesNotContain("   at ", app.Stderr);
    }

    [Fact]
    public async Task Start_NoAdminSettings_GeneratesAnAdminAndPrintsThePasswordOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "checklist-process", Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string?> { ["CHECKLIST_ADMIN_EMAIL"] = null, ["CHECKLIST_ADMIN_PASSWORD"] = null };
        using (var first = AppProcess.Start(environment, directory))
        {
            await first.WaitUntilReadyAsync(StartTimeout);
            first.Terminate();
            await first.WaitForExitAsync(StartTimeout);
            Assert.Contains("with the generated password", first.Stdout);
        }
        using var second = AppProcess.Start(environment, directory);
        await second.WaitUntilReadyAsync(StartTimeout);
        second.Terminate();
        await second.WaitForExitAsync(StartTimeout);
        Assert.DoesNotContain("generated password", second.Stdout);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Sigterm_WhileServing_ExitsCleanlyAndLogsJsonLines()
    {
        using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["CHECKLIST_ADMIN_EMAIL"] = "ops@test.local",
            ["CHECKLIST_ADMIN_PASSWORD"] = "ops-password-1234",
        });
        await app.WaitUntilReadyAsync(StartTimeout);
        using (var client = new HttpClient())
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{app.BaseUrl}/healthz/ready")).StatusCode);

        app.Terminate();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var lines = app.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line); // every stdout line is one JSON object
            Assert.True(json.RootElement.TryGetProperty("LogLevel", out _));
        }
        Assert.Contains(lines, l => l.Contains("Application is shutting down"));
    }
}
