using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Runs;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Clusters;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Checklist.Web.Tests.Verification.VerificationTestApp;

namespace Checklist.Web.Tests.Verification;

/// <summary>
/// Verification against a live API server (loopback, real TLS with its own CA, bearer token): results with findings,
/// an unreachable cluster (error with the reason, never a pass or failure), and a kind the token may not list.
/// </summary>
public sealed class ClusterVerificationTests(SharedVerificationApp shared) : IClassFixture<SharedVerificationApp>
{
    private static readonly RunItemDefinition[] Items =
    [
        ProbeItem("replicas", "replicas-min", """{"min":2}"""),
        ProbeItem("liveness", "liveness-probe"),
        ProbeItem("pdb", "pdb-present"),
        ProbeItem("limit-range", "limitrange-present", required: false),
        ManualItem("contacts"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_LiveCluster_ResultsWithFindings(bool postgres)
    {
        using var own = postgres ? await StartAsync(postgres: true) : null;
        var app = own ?? shared.App;
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.Add(SampleObjects.Deployment("shop", "web", "web"));
        cluster.Server.Add(SampleObjects.Deployment("other", "elsewhere", "elsewhere"));
        var clusterId = await app.RegisterClusterAsync("loopback", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);

        var verification = await app.VerifyAndWaitAsync(runId);

        Assert.Equal("succeeded", verification.GetProperty("status").GetString());
        Assert.Equal("cluster", verification.GetProperty("source").GetString());
        Assert.Equal("v1.31.2", verification.GetProperty("serverVersion").GetString());
        Assert.Equal(cluster.Server.Address.ToString(), verification.GetProperty("server").GetString());
        Assert.Equal("passed", Verdict(verification, "replicas"));
        Assert.Equal("passed", Verdict(verification, "liveness"));
        Assert.Equal("failed", Verdict(verification, "pdb"));
        Assert.Equal("failed", Verdict(verification, "limit-range"));
        var pdb = Item(verification, "pdb").GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("Deployment/shop/web", pdb.GetProperty("object").GetString());
        Assert.False(string.IsNullOrWhiteSpace(pdb.GetProperty("fix").GetString()));
        Assert.DoesNotContain(Item(verification, "replicas").GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("object").GetString()!.Contains("elsewhere")); // only the run's namespace is read

        var run = await app.LoadRunAsync(runId);
        Assert.Equal(RunItemState.Passed, run.Item("replicas").State);
        Assert.Equal(RunItemState.Failed, run.Item("pdb").State);
        // The snapshot was taken once, with GETs only, each carrying the token.
        Assert.All(cluster.Server.Requests, r => Assert.Equal("GET", r.Method));
        Assert.All(cluster.Server.Requests, r => Assert.Equal($"Bearer {LiveCluster.Token}", r.Headers["Authorization"]));
        Assert.Single(cluster.Server.Requests, r => r.Path == "/apis/apps/v1/namespaces/shop/deployments");
    }

    [Fact]
    public async Task Verify_NothingListening_EveryProbeItemShowsTheErrorAndNonePassOrFail()
    {
        var app = shared.App;
        using var pki = new TestPki();
        var clusterId = await app.RegisterClusterAsync("unreachable", new Uri("https://127.0.0.1:1"), pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);

        var verification = await app.VerifyAndWaitAsync(runId);

        Assert.Equal("failed", verification.GetProperty("status").GetString());
        var error = verification.GetProperty("error").GetString()!;
        Assert.Contains("The cluster unreachable could not be read: Connection refused: nothing accepts connections on 127.0.0.1:1", error);
        foreach (var item in verification.GetProperty("items").EnumerateArray())
        {
            Assert.Equal("error", item.GetProperty("verdict").GetString());
            Assert.Equal(error, item.GetProperty("summary").GetString());
        }
        var run = await app.LoadRunAsync(runId);
        foreach (var id in new[] { "replicas", "liveness", "pdb", "limit-range" })
        {
            Assert.Equal(RunItemState.Error, run.Item(id).State);
            Assert.Contains("Connection refused", run.Item(id).StateDetail);
        }
        Assert.Equal(RunItemState.Pending, run.Item("contacts").State);
        Assert.DoesNotContain(run.Items, i => i.State is RunItemState.Passed or RunItemState.Failed);
        Assert.Equal(4, verification.GetProperty("counts").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Verify_ErrorAfterAPass_KeepsTheVerifiedStateInHistory()
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.Add(SampleObjects.Deployment("shop", "web", "web"));
        var app = shared.App;
        var clusterId = await app.RegisterClusterAsync("flaky", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);
        Assert.Equal("passed", Verdict(await app.VerifyAndWaitAsync(runId), "replicas"));

        cluster.Server.RequiredToken = "a-rotated-token-the-app-does-not-have";
        var verification = await app.VerifyAndWaitAsync(runId);

        Assert.Equal("failed", verification.GetProperty("status").GetString());
        Assert.Contains("Unauthorized (401)", verification.GetProperty("error").GetString());
        var run = await app.LoadRunAsync(runId);
        var item = run.Item("replicas");
        Assert.Equal(RunItemState.Error, item.State);
        Assert.Equal(RunItemState.Passed, item.LastVerifiedState);
    }

    [Fact]
    public async Task Verify_ForbiddenKind_ProbesReadingItShowTheMissingPermission()
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.Add(SampleObjects.Deployment("shop", "web", "web"));
        cluster.Server.Forbid("deployments");
        var app = shared.App;
        var clusterId = await app.RegisterClusterAsync("restricted", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);

        var verification = await app.VerifyAndWaitAsync(runId);

        Assert.Equal("succeeded", verification.GetProperty("status").GetString());
        var kindError = verification.GetProperty("kindErrors").GetProperty("Deployment").GetString()!;
        Assert.Contains("Forbidden (403)", kindError);
        Assert.Contains("may not list deployments.apps in namespace \"shop\"", kindError);
        foreach (var id in new[] { "replicas", "liveness", "pdb" })
        {
            Assert.Equal("error", Verdict(verification, id));
            Assert.Contains("may not list deployments.apps", Item(verification, id).GetProperty("summary").GetString());
        }
        // A probe that does not read Deployments still judges: the LimitRange list was allowed.
        Assert.Equal("failed", Verdict(verification, "limit-range"));
        var run = await app.LoadRunAsync(runId);
        Assert.Equal(RunItemState.Error, run.Item("pdb").State);
        Assert.Contains("Grant that permission", run.Item("pdb").StateDetail);
    }

    [Fact]
    public async Task Verify_AppliesWhenKindForbidden_ItemShowsThatItCannotTell()
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.Forbid("statefulsets");
        var app = shared.App;
        var clusterId = await app.RegisterClusterAsync("no-statefulsets", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"),
            [ProbeItem("pvc", "pvc-storage", appliesWhen: "hasStatefulSets"), ProbeItem("ingress-tls", "ingress-tls", appliesWhen: "hasIngress")]);

        var verification = await app.VerifyAndWaitAsync(runId);

        Assert.Equal("error", Verdict(verification, "pvc"));
        Assert.StartsWith("Cannot tell whether the item applies (hasStatefulSets): StatefulSet could not be read (Forbidden (403)",
            Item(verification, "pvc").GetProperty("summary").GetString());
        Assert.Equal("not-applicable", Verdict(verification, "ingress-tls"));
    }

    [Fact]
    public async Task Verify_ExemptionAnnotation_BecomesAWaiverRequestNotAPass()
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        var single = SampleObjects.Deployment("shop", "cron-runner", "cron-runner");
        single["spec"]!["replicas"] = 1;
        single["metadata"]!["annotations"]!["checklist.dev/exempt.replicas-min"] = "runs one leader by design";
        cluster.Server.Add(single);
        var app = shared.App;
        var clusterId = await app.RegisterClusterAsync("exempt", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);

        var verification = await app.VerifyAndWaitAsync(runId);

        var item = Item(verification, "replicas");
        Assert.Equal("failed", item.GetProperty("verdict").GetString());
        Assert.Contains("runs one leader by design", item.GetProperty("exemption").GetString());
        Assert.Equal("exempted", item.GetProperty("findings")[0].GetProperty("status").GetString());
        var run = await app.LoadRunAsync(runId);
        var runItem = run.Item("replicas");
        Assert.Equal(RunItemState.Failed, runItem.State);
        var waiver = Assert.IsType<Waiver>(runItem.OpenWaiver);
        Assert.Equal(WaiverStatus.Requested, waiver.Status);
        Assert.Equal(Actor.SystemId, waiver.RequestedById);
        Assert.Contains("checklist.dev/exempt.replicas-min on Deployment/shop/cron-runner: runs one leader by design", waiver.Justification);
        Assert.Contains("waiver.requested", await app.AuditActionsAsync(runId));
        Assert.False(run.EvaluateGate(DateTimeOffset.UtcNow).IsGo);

        // A second verification finds the request open and asks for no other.
        await app.VerifyAndWaitAsync(runId);
        Assert.Single((await app.LoadRunAsync(runId)).Item("replicas").Waivers);
    }

    [Fact]
    public async Task Verify_AsEngineer_AcceptedAndAuditor_Forbidden()
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        var app = shared.App;
        var clusterId = await app.RegisterClusterAsync("roles", cluster.Server.Address, cluster.Pki.AuthorityPem, LiveCluster.Token);
        var runId = await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);

        var engineer = await ApiClientAsync(app, "Engineer");
        var auditor = await ApiClientAsync(app, "Auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/v1/runs/{runId}/verify", new { })).StatusCode);
        var accepted = await engineer.PostAsJsonAsync($"/api/v1/runs/{runId}/verify", new { });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/v1/runs/{runId}/verifications/latest", accepted.Headers.Location?.OriginalString);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var done = await app.WaitForAsync(runId, body.GetProperty("verificationId").GetGuid());
        Assert.Equal("engineer@test.local", done.GetProperty("requestedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/runs/{runId}/verifications/latest")).StatusCode);
    }

    [Fact]
    public async Task DeleteCluster_WhileARunUsesIt_IsRefused()
    {
        var app = shared.App;
        var clusterId = await app.RegisterClusterAsync("in-use", new Uri("https://api.example.test"), null, null);
        await app.CreateRunAsync(RunTarget.Cluster(clusterId, "shop"), Items);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var clusters = scope.ServiceProvider.GetRequiredService<ClusterService>();

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => clusters.DeleteAsync(clusterId, CancellationToken.None));

        Assert.Equal(RuleViolationKind.Conflict, refused.Kind);
        Assert.Contains("is the target of 1 run(s) that are not finished (shop 1.4.2 in staging)", refused.Message);
    }

    private static async Task<HttpClient> ApiClientAsync(VerificationTestApp app, string role)
    {
        var client = app.Factory.CreateClient();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = TestUsers.EmailFor(role), password = TestUsers.Password });
        var json = await token.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", json.GetProperty("token").GetString());
        return client;
    }
}
