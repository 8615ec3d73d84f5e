using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Tests.Infrastructure;
using static Checklist.Web.Tests.Verification.ProcessSteps;
using Checklist.Web.Tests.Verification;

namespace Checklist.Web.Tests.Operations;

/// <summary>
/// Two app processes on one PostgreSQL database behave as one app: a session started on one is served by the
/// other, a job cut short by killing one replica is finished by the other, and a scheduled re-verification
/// fires once across both.
/// </summary>
public sealed class ReplicaTests
{
    private const string AdminEmail = "replicas@test.local";
    private const string AdminPassword = "replicas-password-1234";
    private const string AdminToken = "clk_replicas-admin-token-0123456789";
    private const string StalledPath = "/apis/apps/v1/namespaces/stalled/deployments";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TwoReplicas_OnePostgres_ShareSessionsJobsAndSchedules()
    {
        await using var cluster = new LiveCluster();
        foreach (var ns in new[] { "shop", "stalled" })
        {
            cluster.Server.Add(SampleObjects.Namespace(ns));
            cluster.Server.Add(SampleObjects.Deployment(ns, "web", "web"));
        }
        var environment = new Dictionary<string, string?>
        {
            ["CHECKLIST_ADMIN_EMAIL"] = AdminEmail,
            ["CHECKLIST_ADMIN_PASSWORD"] = AdminPassword,
            ["CHECKLIST_ADMIN_TOKEN"] = AdminToken,
            ["Checklist__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Checklist"] = await PostgresServer.CreateDatabaseAsync(),
            ["Checklist__Runbooks__TemplateDirectory"] = Path.Combine(RepositoryPaths.Root, "templates"),
            ["Checklist__Kubernetes__RequestTimeoutSeconds"] = "60",
            // A dead replica's work is taken over within seconds, and re-verification is due every 12 s.
            ["Checklist__Jobs__ClusterCheckinIntervalSeconds"] = "1",
            ["Checklist__Jobs__ClusterCheckinMisfireThresholdSeconds"] = "3",
            ["Checklist__Verification__SweepInterval"] = "00:00:01",
            ["Checklist__Verification__ScheduleBeforeDecision"] = "00:00:12",
        };

        var a = AppProcess.Start(environment);
        var b = AppProcess.Start(environment);
        try
        {
            await a.WaitUntilReadyAsync(StartTimeout);
            await b.WaitUntilReadyAsync(StartTimeout);
            var apiA = ApiClient(a, AdminToken);
            var clusterId = await RegisterAsync(apiA, cluster);

            // Signed in on A, served by B: the Data Protection key ring is shared through the database.
            var cookies = new CookieContainer();
            using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(a.BaseUrl) };
            using var onB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(b.BaseUrl) };
            Assert.Equal(HttpStatusCode.Redirect, (await new BrowserSession(onA).SignInAsync(AdminEmail, AdminPassword)).StatusCode);
            var dashboard = await onB.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains(AdminEmail, await dashboard.Content.ReadAsStringAsync());

            // Re-verification is due 12 s after the last one was queued: with both replicas sweeping every second,
            // it is queued once, not once per replica.
            var scheduledRun = await CreateRunAsync(apiA, clusterId, "shop");
            (await apiA.PostAsJsonAsync($"/api/v1/runs/{scheduledRun}/verify", new { })).EnsureSuccessStatusCode();
            var all = await WaitForAsync(ApiClient(b, AdminToken), scheduledRun,
                v => v.Any(x => x.Trigger == "scheduled" && x.Status is "succeeded" or "failed"), "a scheduled re-verification");
            var firstScheduled = all.Where(x => x.Trigger == "scheduled").Min(x => x.QueuedAt);
            Assert.Single(all, x => x.Trigger == "scheduled" && x.QueuedAt < firstScheduled.AddSeconds(10));

            // A job that stalls on A (only A is up, so A runs it) is finished by B' when A dies mid-job.
            b.Dispose();
            cluster.Server.Delay(StalledPath, TimeSpan.FromSeconds(60));
            var stalledRun = await CreateRunAsync(apiA, clusterId, "stalled");
            (await apiA.PostAsJsonAsync($"/api/v1/runs/{stalledRun}/verify", new { })).EnsureSuccessStatusCode();
            await WaitUntilAsync(() => cluster.Server.Requests.Any(r => r.Path == StalledPath), "the job to start on A", StartTimeout);
            b = AppProcess.Start(environment);
            await b.WaitUntilReadyAsync(StartTimeout);
            a.Dispose(); // kill: no graceful shutdown
            cluster.Server.Delay(StalledPath, TimeSpan.Zero);
            var recovered = await WaitForAsync(ApiClient(b, AdminToken), stalledRun, v => v.Any(x => x.Trigger == "manual" && x.Status == "succeeded"), "B to finish A's job");
            Assert.Equal(2, recovered.Single(x => x.Trigger == "manual").Attempts);
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    private sealed record VerificationRow(string Status, string Trigger, int Attempts, DateTimeOffset QueuedAt);

    private static async Task<List<VerificationRow>> WaitForAsync(HttpClient api, Guid runId, Func<List<VerificationRow>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var body = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/verifications");
            var list = body.EnumerateArray()
                .Select(v => new VerificationRow(v.GetProperty("status").GetString()!, v.GetProperty("trigger").GetString()!,
                    v.GetProperty("attempts").GetInt32(), v.GetProperty("queuedAt").GetDateTimeOffset()))
                .ToList();
            if (done(list)) return list;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Timed out waiting for {what}.");
    }
}
