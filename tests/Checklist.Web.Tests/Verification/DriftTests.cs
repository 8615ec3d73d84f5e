using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Runs;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Data;
using Checklist.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Checklist.Web.Tests.Verification.VerificationTestApp;

namespace Checklist.Web.Tests.Verification;

/// <summary>
/// Scheduled re-verification: after a go decision the run is verified again on its own, and an item that passed and
/// now fails is drift: the item fails, the decision turns stale, drift.detected is audited and subscribers hear of it.
/// </summary>
public sealed class DriftTests
{
    private static readonly RunItemDefinition[] Items =
    [
        ProbeItem("replicas", "replicas-min", """{"min":2}"""),
        ProbeItem("liveness", "liveness-probe"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScheduledReverification_AfterGo_FindsDriftAndMarksTheDecisionStale(bool postgres)
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        var deployment = SampleObjects.Deployment("shop", "web", "web");
        cluster.Server.Add(deployment);
        using var app = await StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Checklist:Verification:SweepInterval"] = "00:00:01",
            ["Checklist:Verification:ScheduleAfterDecision"] = "00:00:02",
        });
        var clusterId = await app.RegisterClusterAsync("drifting", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);
        await SubscribeAsync(app);

        var first = await app.VerifyAndWaitAsync(runId);
        Assert.Equal("passed", Verdict(first, "replicas"));
        var decided = await app.Admin.PostAsJsonAsync($"/api/v1/runs/{runId}/decision", new { decision = "go", comment = "all green" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        // The frozen runbook was built from what the verification found in the cluster.
        var runbook = await app.Admin.GetStringAsync($"/api/v1/runs/{runId}/runbook.md");
        Assert.Contains("registry.example.com/shop/web:1.4.2", runbook);
        Assert.Contains("drifting", runbook); // the cluster's name

        deployment["spec"]!["replicas"] = 1; // someone scaled the release down after the decision

        var drifted = await WaitForScheduledFailureAsync(app, runId);
        Assert.Equal("scheduled", drifted.GetProperty("trigger").GetString());
        Assert.Equal("schedule", drifted.GetProperty("requestedBy").GetString());
        Assert.Equal(1, drifted.GetProperty("counts").GetProperty("regressions").GetInt32());

        var run = await app.LoadRunAsync(runId);
        Assert.Equal(RunItemState.Failed, run.Item("replicas").State);
        Assert.Equal(RunItemState.Passed, run.Item("liveness").State);
        Assert.Equal(RunState.Decided, run.State);
        Assert.True(run.CurrentDecision!.Stale);
        Assert.Contains("replicas", run.CurrentDecision.StaleReason);
        var actions = await app.AuditActionsAsync(runId);
        Assert.Contains("drift.detected", actions);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var drift = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.RunId == runId && e.Action == "drift.detected");
        Assert.Equal($"{runId}/replicas", drift.EntityId);
        Assert.Contains("\"decisionStale\":true", drift.After);
        Assert.True(await db.WebhookDeliveries.AnyAsync(d => d.RunId == runId && d.Event == WebhookEvents.ItemFailed));
    }

    [Fact]
    public async Task Sweep_RunNeverVerified_IsLeftAlone()
    {
        using var app = await StartAsync(settings: new Dictionary<string, string?> { ["Checklist:Verification:ScheduleBeforeDecision"] = "00:00:01" });
        var clusterId = await app.RegisterClusterAsync("idle", new Uri("https://127.0.0.1:1"), null, null, insecure: true);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);
        await using var scope = app.Factory.Services.CreateAsyncScope();

        var queued = await scope.ServiceProvider.GetRequiredService<Checklist.Web.Verification.ReverificationSweep>().QueueDueAsync(CancellationToken.None);

        Assert.Equal(0, queued);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync($"/api/v1/runs/{runId}/verifications/latest")).StatusCode);
    }

    private static async Task SubscribeAsync(VerificationTestApp app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        // Nothing listens there: the delivery row is what this test looks at.
        db.WebhookEndpoints.Add(new WebhookEndpoint("chat", "http://127.0.0.1:1/hook", "a-shared-secret-0123456789", [WebhookEvents.ItemFailed], "admin", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> WaitForScheduledFailureAsync(VerificationTestApp app, Guid runId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var latest = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/verifications/latest");
            if (latest.GetProperty("status").GetString() == "succeeded" && Verdict(latest, "replicas") == "failed") return latest;
            await Task.Delay(200);
        }
        throw new TimeoutException("No scheduled verification found the drift.");
    }
}
