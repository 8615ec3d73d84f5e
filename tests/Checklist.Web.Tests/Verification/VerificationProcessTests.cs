using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Tests.Infrastructure;
using static Checklist.Web.Tests.Verification.ProcessSteps;

namespace Checklist.Web.Tests.Verification;

/// <summary>
/// The app as a process: a verification cut short by a crash (kill -9) is recovered and finished by the next process.
/// </summary>
public sealed class VerificationProcessTests
{
    private const string AdminEmail = "ops@test.local";
    private const string AdminPassword = "ops-password-1234";
    private const string AdminToken = "clk_process-admin-token-0123456789";
    private const string DeploymentsPath = "/apis/apps/v1/namespaces/shop/deployments";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verification_ProcessKilledMidJob_IsRecoveredByTheNextProcess(bool postgres)
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.Add(SampleObjects.Deployment("shop", "web", "web"));
        cluster.Server.Delay(DeploymentsPath, TimeSpan.FromSeconds(30)); // holds the job in the middle of its snapshot
        var environment = await EnvironmentAsync(postgres);
        var directory = Path.Combine(Path.GetTempPath(), "checklist-process", Guid.NewGuid().ToString("N"));
        try
        {
            Guid runId;
            using (var first = AppProcess.Start(environment, directory))
            {
                await first.WaitUntilReadyAsync(StartTimeout);
                var api = ApiClient(first, AdminToken);
                runId = await CreateRunAsync(api, await RegisterAsync(api, cluster));
                (await api.PostAsJsonAsync($"/api/v1/runs/{runId}/verify", new { })).EnsureSuccessStatusCode();
                await WaitUntilAsync(() => cluster.Server.Requests.Any(r => r.Path == DeploymentsPath), "the job to start reading the cluster", StartTimeout);
            } // Dispose kills the process: no graceful shutdown, the job is cut short with its verification running

            cluster.Server.Delay(DeploymentsPath, TimeSpan.Zero);
            using var second = AppProcess.Start(environment, directory);
            await second.WaitUntilReadyAsync(StartTimeout);
            var latest = await WaitForFinishedAsync(ApiClient(second, AdminToken), runId);

            Assert.Equal("succeeded", latest.GetProperty("status").GetString());
            Assert.Equal(2, latest.GetProperty("attempts").GetInt32());
            Assert.Contains(latest.GetProperty("items").EnumerateArray(), i => i.GetProperty("verdict").GetString() == "passed");
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } // best effort: a temp folder
        }
    }

    private static async Task<Dictionary<string, string?>> EnvironmentAsync(bool postgres)
    {
        var environment = new Dictionary<string, string?>
        {
            ["CHECKLIST_ADMIN_EMAIL"] = AdminEmail,
            ["CHECKLIST_ADMIN_PASSWORD"] = AdminPassword,
            ["CHECKLIST_ADMIN_TOKEN"] = AdminToken,
            ["Checklist__Runbooks__TemplateDirectory"] = Path.Combine(RepositoryPaths.Root, "templates"),
            ["Checklist__Kubernetes__RequestTimeoutSeconds"] = "60",
            // A dead replica's work is taken over after a few seconds instead of the default minute.
            ["Checklist__Jobs__ClusterCheckinIntervalSeconds"] = "1",
            ["Checklist__Jobs__ClusterCheckinMisfireThresholdSeconds"] = "3",
        };
        if (postgres)
        {
            environment["Checklist__Database__Provider"] = "Postgres";
            environment["ConnectionStrings__Checklist"] = await PostgresServer.CreateDatabaseAsync();
        }
        return environment;
    }

    private static async Task<JsonElement> WaitForFinishedAsync(HttpClient api, Guid runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var latest = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/verifications/latest");
            if (latest.GetProperty("status").GetString() is "succeeded" or "failed") return latest;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The verification of run {runId} was not recovered.");
    }

}
