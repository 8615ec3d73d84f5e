using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Checklist.Web.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Checklist.Web.Tests.Verification.VerificationTestApp;

namespace Checklist.Web.Tests.Verification;

/// <summary>A run verified against manifests uploaded through the API: upload, verify, the job runs, items pass and fail with findings.</summary>
public sealed class ManifestVerificationTests(SharedVerificationApp shared) : IClassFixture<SharedVerificationApp>
{
    public const string Manifests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: app
                image: registry.example.com/shop/web:1.4.2
                livenessProbe: {httpGet: {path: /healthz, port: 8080}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
          labels: {app: worker}
        spec:
          replicas: 1
          selector: {matchLabels: {app: worker}}
          template:
            metadata: {labels: {app: worker}}
            spec:
              containers:
              - name: worker
                image: registry.example.com/shop/worker:2.0.0
        """;

    private static readonly RunItemDefinition[] Items =
    [
        ProbeItem("replicas", "replicas-min", """{"min":1}"""),
        ProbeItem("liveness", "liveness-probe"),
        ProbeItem("replicas-strict", "replicas-min", """{"min":2}""", required: false),
        ProbeItem("backup", "backup-schedule", appliesWhen: "hasStatefulSets, hasPersistentVolumeClaims"),
        ManualItem("runbook-reviewed"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_UploadedManifests_ItemsPassAndFailWithFindings(bool postgres)
    {
        using var own = postgres ? await StartAsync(postgres: true) : null;
        var app = own ?? shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);

        var upload = await app.UploadManifestsAsync(runId, Manifests);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        using (var uploaded = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()))
        {
            Assert.Equal(2, uploaded.RootElement.GetProperty("objects").GetInt32());
            Assert.Equal(2, uploaded.RootElement.GetProperty("kinds").GetProperty("Deployment").GetInt32());
        }

        var verification = await app.VerifyAndWaitAsync(runId);

        Assert.Equal("succeeded", verification.GetProperty("status").GetString());
        Assert.Equal("manifests", verification.GetProperty("source").GetString());
        Assert.Equal("passed", Verdict(verification, "replicas"));
        Assert.Equal("failed", Verdict(verification, "liveness"));
        Assert.Equal("failed", Verdict(verification, "replicas-strict"));
        Assert.Equal("not-applicable", Verdict(verification, "backup"));
        Assert.DoesNotContain(verification.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "runbook-reviewed");

        var finding = Item(verification, "liveness").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("status").GetString() == "failed");
        Assert.Equal("Deployment/shop/worker", finding.GetProperty("object").GetString());
        Assert.Equal("worker", finding.GetProperty("container").GetString());
        Assert.Equal("manifests.yaml", finding.GetProperty("file").GetString());
        Assert.Equal(17, finding.GetProperty("line").GetInt32()); // the worker document starts on line 17
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("fix").GetString()));
        var passed = Item(verification, "liveness").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("status").GetString() == "passed");
        Assert.Equal("Deployment/shop/web", passed.GetProperty("object").GetString());
        Assert.Equal("Applies only when hasStatefulSets or hasPersistentVolumeClaims, and the target has none of that.",
            Item(verification, "backup").GetProperty("summary").GetString());

        var run = await app.LoadRunAsync(runId);
        Assert.Equal(RunItemState.Passed, run.Item("replicas").State);
        Assert.Equal(RunItemState.Failed, run.Item("liveness").State);
        Assert.Equal(RunItemState.NotApplicable, run.Item("backup").State);
        Assert.Equal(RunItemState.Pending, run.Item("runbook-reviewed").State);
        Assert.Equal(RunState.InProgress, run.State);

        // The full report is the probe evidence, cited with its SHA-256.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().Verifications.AsNoTracking()
            .SingleAsync(v => v.Id == verification.GetProperty("id").GetGuid());
        Assert.Equal(VerificationReportDocument.Sha256(record.ReportJson!), record.ReportSha256);
        Assert.Equal(record.ReportSha256, verification.GetProperty("reportSha256").GetString());
        var evidence = Assert.Single(run.Item("liveness").Evidence, e => e.Kind == EvidenceKind.Probe);
        Assert.Equal($"verification:{record.Id}@sha256:{record.ReportSha256}", evidence.StorageKey);
        Assert.Equal((1, 2, 0, 1), (record.Passed, record.FailedItems, record.Errors, record.NotApplicable));

        var actions = await app.AuditActionsAsync(runId);
        Assert.Equal(["manifests.uploaded", "verification.requested", "verification.started"], actions.Take(3));
        Assert.Equal(4, actions.Count(a => a == "item.verified"));
        Assert.Equal("verification.completed", actions[^1]);
    }

    [Fact]
    public async Task Verify_Again_SupersedesTheProbeEvidenceAndListsBoth()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        (await app.UploadManifestsAsync(runId, Manifests)).EnsureSuccessStatusCode();
        var first = await app.VerifyAndWaitAsync(runId);
        var second = await app.VerifyAndWaitAsync(runId, new { source = "manifests" });

        var list = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/verifications");
        Assert.Equal([second.GetProperty("id").GetGuid(), first.GetProperty("id").GetGuid()],
            list.EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("items").ValueKind);
        Assert.Equal(2, list[0].GetProperty("counts").GetProperty("failed").GetInt32());

        var run = await app.LoadRunAsync(runId);
        var probeEvidence = run.Item("liveness").Evidence.Where(e => e.Kind == EvidenceKind.Probe).OrderBy(e => e.AddedAt).ToList();
        Assert.Equal(2, probeEvidence.Count);
        Assert.False(probeEvidence[0].IsActive);
        Assert.True(probeEvidence[1].IsActive);
        // The state did not change the second time, so only the first verification wrote item events.
        Assert.Equal(4, (await app.AuditActionsAsync(runId)).Count(a => a == "item.verified"));
    }

    [Fact]
    public async Task Upload_BrokenYaml_400ListsEveryErrorAndStoresNothing()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        var broken = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ok}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: [unclosed
            ---
            metadata: {name: no-kind}
            """;

        var response = await app.UploadManifestsAsync(runId, broken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Matches(@"^manifests\.yaml:\d+:\d+: ", errors[0]);
        Assert.StartsWith("manifests.yaml:10:1: the document has no kind", errors[1]);
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(app, runId);
    }

    [Fact]
    public async Task Upload_YamlDotNetGivesNoPosition_StillAnswersWithALine()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);

        var response = await app.UploadManifestsAsync(runId, "a: [unclosed\nb: x\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches(@"^manifests\.yaml:\d+:\d+: not valid YAML", problem.GetProperty("errors")[0].GetString());
        await AssertNothingStoredAsync(app, runId);
    }

    [Fact]
    public async Task Upload_Json_IsReadAsJson()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        var json = """{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"selector": {"app": "web"}}}]}""";

        var response = await app.UploadManifestsAsync(runId, json, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("manifests.json", body.GetProperty("fileName").GetString());
        Assert.Equal(1, body.GetProperty("kinds").GetProperty("Service").GetInt32());
    }

    [Fact]
    public async Task Upload_NoObjects_400SaysWhatToSend()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        var response = await app.UploadManifestsAsync(runId, "# nothing but a comment\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no Kubernetes object found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_TooLarge_413NamesTheLimit()
    {
        using var app = await StartAsync(settings: new Dictionary<string, string?> { ["Checklist:Verification:MaxManifestBytes"] = "500" });
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);

        var response = await app.UploadManifestsAsync(runId, Manifests);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("at most 500 bytes", detail);
        Assert.Contains("Checklist:Verification:MaxManifestBytes", detail);
        await AssertNothingStoredAsync(app, runId);
    }

    [Fact]
    public async Task Upload_UnknownRun_404()
    {
        var app = shared.App;
        var response = await app.UploadManifestsAsync(Guid.NewGuid(), Manifests);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Verify_NoManifestsYet_409SaysToUploadThem()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);

        var response = await app.Admin.PostAsJsonAsync($"/api/v1/runs/{runId}/verify", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"PUT /api/v1/runs/{runId}/manifests", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_UnknownSource_400()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        var response = await app.Admin.PostAsJsonAsync($"/api/v1/runs/{runId}/verify", new { source = "git" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cluster or manifests, not 'git'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Latest_NeverVerified_404SaysHowToStart()
    {
        var app = shared.App;
        var runId = await app.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        var response = await app.Admin.GetAsync($"/api/v1/runs/{runId}/verifications/latest");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"POST /api/v1/runs/{runId}/verify", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertNothingStoredAsync(VerificationTestApp app, Guid runId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        Assert.False(await db.ManifestBundles.AnyAsync(b => b.RunId == runId));
        Assert.DoesNotContain("manifests.uploaded", await app.AuditActionsAsync(runId));
    }
}
