using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Checklist.Core.Runs;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Verification;

/// <summary>The app with an admin API client and helpers to create runs, register clusters, upload manifests and verify.</summary>
public sealed class VerificationTestApp : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private VerificationTestApp(ChecklistAppFactory factory)
    {
        Factory = factory;
        Admin = factory.CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
    }

    public ChecklistAppFactory Factory { get; }
    public HttpClient Admin { get; }

    public static async Task<VerificationTestApp> StartAsync(bool postgres = false, IDictionary<string, string?>? settings = null)
    {
        var factory = postgres
            ? new ChecklistAppFactory(settings, await PostgresServer.CreateDatabaseAsync())
            : new ChecklistAppFactory(settings);
        _ = factory.Server;
        return new VerificationTestApp(factory);
    }

    /// <summary>An item verified by a probe, as a run copies it from its template.</summary>
    public static RunItemDefinition ProbeItem(string id, string probe, string? parameters = null, bool required = true, string? appliesWhen = null) =>
        new(id, "Reliability", $"Item {id}", "", [], required, VerificationKind.Probe, probe, parameters, [], SignoffRole.Engineer, false, [], appliesWhen);

    public static RunItemDefinition ManualItem(string id) =>
        new(id, "Operations", $"Item {id}", "", [], true, VerificationKind.Manual, null, null, [EvidenceKind.Note], SignoffRole.Engineer, false, [], null);

    /// <summary>Creates a run as the admin (a release manager may create runs), stored as the run feature stores it.</summary>
    public async Task<Guid> CreateRunAsync(RunTarget target, IEnumerable<RunItemDefinition> items, string environment = "staging")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == ChecklistAppFactory.AdminEmail);
        var actor = new Actor(admin.Id, admin.UserName!, [Role.Admin]);
        var run = Run.Create("test-template", new string('a', 64), items, "shop", "1.4.2", environment, target, null, UserRef.Of(actor), actor,
            DeployMethod.KubectlApply(), DateTimeOffset.UtcNow);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    public async Task<Guid> RegisterClusterAsync(string name, Uri server, string? caPem, string? token, bool insecure = false)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/clusters", new { name, server = server.ToString(), caData = caPem, token, insecureSkipTlsVerify = insecure });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> UploadManifestsAsync(Guid runId, string yaml, string contentType = "application/yaml", HttpClient? client = null)
    {
        var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return (client ?? Admin).PutAsync($"/api/v1/runs/{runId}/manifests", content);
    }

    /// <summary>POST .../verify, then polls .../verifications/latest until it is no longer queued or running.</summary>
    public async Task<JsonElement> VerifyAndWaitAsync(Guid runId, object? body = null)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/runs/{runId}/verify", body ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return await WaitForAsync(runId, accepted.RootElement.GetProperty("verificationId").GetGuid());
    }

    public async Task<JsonElement> WaitForAsync(Guid runId, Guid verificationId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var latest = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/verifications/latest");
            var status = latest.GetProperty("status").GetString();
            if (latest.GetProperty("id").GetGuid() == verificationId && status is "succeeded" or "failed") return latest;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Verification {verificationId} is still {status} after {Patience}.");
            await Task.Delay(100);
        }
    }

    public async Task<Run> LoadRunAsync(Guid runId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        return await db.Runs.AsNoTracking().Include(r => r.Items).ThenInclude(i => i.Evidence).Include(r => r.Items).ThenInclude(i => i.Waivers)
            .Include(r => r.Decisions).AsSplitQuery().SingleAsync(r => r.Id == runId);
    }

    public async Task<List<string>> AuditActionsAsync(Guid runId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
    }

    public static JsonElement Item(JsonElement verification, string itemId) =>
        verification.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == itemId);

    public static string Verdict(JsonElement verification, string itemId) => Item(verification, itemId).GetProperty("verdict").GetString()!;

    public void Dispose() => Factory.Dispose();
}

/// <summary>A loopback Kubernetes API server with its own CA, and the token it requires.</summary>
public sealed class LiveCluster : IAsyncDisposable
{
    public const string Token = "verify-token-0123456789abcdef";

    public LiveCluster()
    {
        Pki = new TestPki();
        Server = new FakeKubeApiServer(Pki.IssueServer()) { RequiredToken = Token };
    }

    public TestPki Pki { get; }
    public FakeKubeApiServer Server { get; }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
    }
}

/// <summary>
/// One app (SQLite) shared by the tests of a class, each working on runs of its own: far fewer app instances, whose
/// file watchers would otherwise exhaust the machine's inotify instances when classes run in parallel.
/// </summary>
public sealed class SharedVerificationApp : IAsyncLifetime
{
    public VerificationTestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await VerificationTestApp.StartAsync();
        await TestUsers.CreateOnePerRoleAsync(App.Factory.Services);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
