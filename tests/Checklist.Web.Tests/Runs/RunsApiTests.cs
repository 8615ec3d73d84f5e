using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Runs;

public sealed class RunsApiTests
{
    [Fact]
    public async Task Create_ReleaseManager_SnapshotsTheTemplateItems()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var run = await (await app.ApiAsync(RunsTestApp.Eng1)).GetJsonAsync($"/api/v1/runs/{id}");

        Assert.Equal("draft", run.Str("state"));
        Assert.Equal(RunsTestApp.Template, run.Str("templateId"));
        Assert.Equal(64, run.Str("templateVersionHash").Length);
        Assert.Equal("1.4.0", run.Str("version"));
        Assert.Equal(["liveness-probe", "readiness-probe", "restore-drill", "rollback-plan", "load-test"],
            run.GetProperty("items").EnumerateArray().Select(i => i.Str("id")));
        var liveness = run.Item("liveness-probe");
        Assert.Equal("pending", liveness.Str("state"));
        Assert.Equal("probe", liveness.Str("verification"));
        Assert.Equal("liveness-probe", liveness.Str("probe"));
        Assert.True(liveness.GetProperty("required").GetBoolean());
        var restore = run.Item("restore-drill");
        Assert.Equal("manual", restore.Str("verification"));
        Assert.Equal(JsonValueKind.Null, restore.GetProperty("probe").ValueKind);
        Assert.Equal("engineer", restore.Str("signoff"));
        Assert.True(restore.GetProperty("fourEyes").GetBoolean());
        Assert.Equal(["file", "note"], restore.GetProperty("evidenceNeeded").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Storage and backup", restore.Str("section"));
        Assert.Equal("helm", run.GetProperty("deployMethod").Str("kind"));
        Assert.Equal("oci://registry.example.com/charts/shop", run.GetProperty("deployMethod").Str("chart"));
        Assert.Equal(RunsTestApp.Rm1, run.GetProperty("owner").Str("name"));
        Assert.True(run.GetProperty("requiresFourEyesDecision").GetBoolean());
        // Items are due two days before the planned go-live.
        Assert.Equal(run.GetProperty("plannedGoLive").GetDateTimeOffset().AddDays(-2), restore.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Create_Refusals_SayWhatToFix()
    {
        using var app = await RunsTestApp.StartAsync();
        var rm = await app.ApiAsync(RunsTestApp.Rm1);
        var unknown = await rm.PostJsonAsync("/api/v1/runs", new { templateId = "nope", service = "shop", version = "1", environment = "staging" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no checklist template has the id 'nope'; known ids: release-basics", unknown.Str("detail"));

        var noChart = await rm.PostJsonAsync("/api/v1/runs", new
        {
            templateId = RunsTestApp.Template, service = "shop", version = "1", environment = "staging", deployMethod = new { kind = "helm", name = "shop" },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Helm deploy needs the chart", noChart.Str("detail"));

        var noVersion = await rm.PostJsonAsync("/api/v1/runs", new { templateId = RunsTestApp.Template, service = "shop", environment = "staging" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Input: a run needs a version", noVersion.Str("detail"));

        var badOwner = await rm.PostJsonAsync("/api/v1/runs", new { templateId = RunsTestApp.Template, service = "shop", version = "1", environment = "staging", owner = "ghost@test.local" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("the owner 'ghost@test.local' is not a user", badOwner.Str("detail"));

        await (await app.ApiAsync(RunsTestApp.Eng1)).PostJsonAsync("/api/v1/runs", new { templateId = RunsTestApp.Template, service = "shop", version = "1", environment = "staging" })
            .ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_Filters_ByServiceEnvironmentAndState()
    {
        using var app = await RunsTestApp.StartAsync();
        var production = await app.CreateRunAsync("production");
        var staging = await app.CreateRunAsync("staging");
        var other = await app.CreateRunAsync("staging", new { service = "billing", owner = RunsTestApp.Rm2 });
        var api = await app.ApiAsync(RunsTestApp.Auditor);
        await api.PostJsonAsync($"/api/v1/runs/{staging}/items/liveness-probe/not-applicable", new { reason = "x" }).ExpectAsync(HttpStatusCode.Forbidden);
        await (await app.ApiAsync(RunsTestApp.Eng1)).PostJsonAsync($"/api/v1/runs/{staging}/items/liveness-probe/not-applicable", new { reason = "batch job, no probe" })
            .ExpectAsync(HttpStatusCode.OK);

        static IEnumerable<Guid> Ids(JsonElement list) => list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetGuid());
        Assert.Equal([other, staging, production], Ids(await api.GetJsonAsync("/api/v1/runs")));
        Assert.Equal([staging, production], Ids(await api.GetJsonAsync("/api/v1/runs?service=shop")));
        Assert.Equal([other, staging], Ids(await api.GetJsonAsync("/api/v1/runs?environment=staging")));
        Assert.Equal([staging], Ids(await api.GetJsonAsync("/api/v1/runs?state=in-progress")));
        Assert.Equal([other, production], Ids(await api.GetJsonAsync("/api/v1/runs?state=draft")));
        Assert.Equal([other], Ids(await api.GetJsonAsync($"/api/v1/runs?owner={RunsTestApp.Rm2}")));
        var page = await api.GetJsonAsync("/api/v1/runs?page=2&pageSize=2");
        Assert.Equal([production], Ids(page));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var progress = (await api.GetJsonAsync("/api/v1/runs?state=in-progress")).GetProperty("runs")[0].GetProperty("progress");
        Assert.Equal(4, progress.GetProperty("required").GetInt32());
        Assert.Equal(1, progress.GetProperty("satisfied").GetInt32());

        var bad = await api.GetAsync("/api/v1/runs?state=finished").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'finished' is not a run state", bad.Str("detail"));
    }

    [Theory, MemberData(nameof(RunsTestApp.Providers), MemberType = typeof(RunsTestApp))]
    public async Task ReleaseFlow_EvidenceSignOffsWaiverAndGo_FreezesTheRunbook(string provider)
    {
        using var app = await RunsTestApp.StartAsync(provider);
        var id = await app.CreateRunAsync();
        var url = $"/api/v1/runs/{id}";
        var rm1 = await app.ApiAsync(RunsTestApp.Rm1);
        var rm2 = await app.ApiAsync(RunsTestApp.Rm2);
        var eng1 = await app.ApiAsync(RunsTestApp.Eng1);
        var eng2 = await app.ApiAsync(RunsTestApp.Eng2);

        var gate = await eng1.GetJsonAsync($"{url}/gate");
        Assert.Equal("no-go", gate.Str("decision"));
        Assert.Equal(["liveness-probe", "restore-drill", "rollback-plan", "load-test"], gate.GetProperty("blocking").EnumerateArray().Select(b => b.Str("itemId")));
        Assert.Equal("awaiting sign-off by a release manager", gate.GetProperty("blocking")[2].Str("reason"));
        Assert.Equal("readiness-probe", gate.GetProperty("openOptional")[0].Str("itemId"));

        await eng1.PostJsonAsync($"{url}/items/liveness-probe/not-applicable", new { reason = "a batch job: nothing to probe" }).ExpectAsync(HttpStatusCode.OK);
        await rm1.PostJsonAsync($"{url}/items/restore-drill/assign", new { userId = RunsTestApp.Eng1 }).ExpectAsync(HttpStatusCode.OK);
        var file = await UploadAsync(eng1, $"{url}/items/restore-drill/evidence", "restore.log", "restore finished in 4 minutes\n"u8.ToArray())
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("restore finished in 4 minutes\n"u8)), file.Str("sha256"));
        await eng1.PostJsonAsync($"{url}/items/restore-drill/evidence", new { kind = "note", text = "Restored **all** tables." }).ExpectAsync(HttpStatusCode.Created);
        var fourEyes = await eng1.PostJsonAsync($"{url}/items/restore-drill/signoff", new { comment = "mine" }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.StartsWith("Four-eyes:", fourEyes.Str("detail"));
        var signed = await eng2.PostJsonAsync($"{url}/items/restore-drill/signoff", new { comment = "checked the log" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("signed-off", signed.Str("state"));
        Assert.Equal(RunsTestApp.Eng1, signed.GetProperty("assignee").Str("name"));

        await eng1.PostJsonAsync($"{url}/items/rollback-plan/evidence", new { kind = "link", url = "https://wiki.example.com/shop/rollback", text = "Rollback page" })
            .ExpectAsync(HttpStatusCode.Created);
        var role = await eng1.PostJsonAsync($"{url}/items/rollback-plan/signoff").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.StartsWith("Role:", role.Str("detail"));
        await rm1.PostJsonAsync($"{url}/items/rollback-plan/signoff").ExpectAsync(HttpStatusCode.OK);

        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var waiver = await rm1.PostJsonAsync($"{url}/items/load-test/waiver", new { justification = "load test after the holidays", expiresAt = expires })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("requested", waiver.GetProperty("waiver").Str("status"));
        gate = await eng1.GetJsonAsync($"{url}/gate");
        Assert.Equal("waiver requested by rm1@test.local but not approved", Assert.Single(gate.GetProperty("blocking").EnumerateArray()).Str("reason"));
        var self = await rm1.PostJsonAsync($"{url}/items/load-test/waiver/approve").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.StartsWith("Four-eyes: a waiver is approved or rejected by someone other than its requester", self.Str("detail"));
        var approved = await rm2.PostJsonAsync($"{url}/items/load-test/waiver/approve", new { comment = "risk accepted" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("waived", approved.Str("state"));

        gate = await eng1.GetJsonAsync($"{url}/gate");
        Assert.Equal("go", gate.Str("decision"));
        Assert.Empty(gate.GetProperty("blocking").EnumerateArray());
        Assert.Equal("load-test", Assert.Single(gate.GetProperty("waived").EnumerateArray()).Str("itemId"));

        var live = await eng1.GetAsync($"{url}/runbook.md");
        Assert.Equal("live", live.Headers.GetValues("X-Checklist-Runbook").Single());
        Assert.Equal("text/markdown", live.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No go-live decision has been recorded yet", await live.Content.ReadAsStringAsync());

        var creator = await rm1.PostJsonAsync($"{url}/decision", new { decision = "go", comment = "ship" }).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.StartsWith("Four-eyes: in production the go-live decision is by a release manager other than the run's creator", creator.Str("detail"));
        var decision = await rm2.PostJsonAsync($"{url}/decision", new { decision = "go", comment = "ship it" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("go", decision.Str("decision"));
        Assert.Equal(["load-test"], decision.GetProperty("waived").EnumerateArray().Select(w => w.GetString()));
        var sha = decision.Str("runbookSha256");

        using var frozen = await eng1.GetAsync($"{url}/runbook.md");
        var bytes = await frozen.Content.ReadAsByteArrayAsync();
        Assert.Equal("frozen", frozen.Headers.GetValues("X-Checklist-Runbook").Single());
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var markdown = Encoding.UTF8.GetString(bytes);
        Assert.Contains("**GO**, recorded by rm2@test.local", markdown);
        Assert.Contains("helm upgrade --install shop oci://registry.example.com/charts/shop --version 1.4.0 -n shop", markdown);
        Assert.Contains(file.Str("sha256"), markdown);
        Assert.Contains("load test after the holidays", markdown);
        await Task.Delay(1100); // a live render would now carry a later time: the frozen text must not
        Assert.Equal(bytes, await eng1.GetByteArrayAsync($"{url}/runbook.md"));

        var closed = await eng1.PostJsonAsync($"{url}/items/readiness-probe/not-applicable", new { reason = "late" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("a run that is decided", closed.Str("detail"));
        var completed = await rm1.PostJsonAsync($"{url}/complete").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("completed", completed.Str("state"));

        var audit = await (await app.ApiAsync(RunsTestApp.Auditor)).GetJsonAsync($"{url}/audit");
        var actions = audit.EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Equal(["run.created", "item.not-applicable", "item.assigned", "evidence.added", "evidence.added", "item.signed-off", "evidence.added",
            "item.signed-off", "waiver.requested", "waiver.approved", "decision.recorded", "runbook.frozen", "run.completed"], actions);
        var frozenEvent = audit.EnumerateArray().Single(e => e.Str("action") == "runbook.frozen");
        Assert.Equal(sha, frozenEvent.GetProperty("after").Str("sha256"));
        var signOff = audit.EnumerateArray().First(e => e.Str("action") == "item.signed-off");
        Assert.Equal("pending", signOff.GetProperty("before").Str("state"));
        Assert.Equal("signed-off", signOff.GetProperty("after").GetProperty("item").Str("state"));
        Assert.Equal(RunsTestApp.Eng2, signOff.Str("actorName"));
        Assert.Equal("token", signOff.Str("actorType"));
    }

    [Fact]
    public async Task Evidence_File_DownloadsAsAnAttachmentWithTheSameBytesAndIsStoredOnce()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var eng = await app.ApiAsync(RunsTestApp.Eng1);
        var content = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var first = await UploadAsync(eng, $"/api/v1/runs/{id}/items/restore-drill/evidence", "report.html", content, "text/html").ExpectAsync(HttpStatusCode.Created);
        await UploadAsync(eng, $"/api/v1/runs/{id}/items/load-test/evidence", "copy.html", content).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(content.Length, first.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("text/html", first.Str("contentType"));

        using var download = await (await app.ApiAsync(RunsTestApp.Auditor)).GetAsync(first.Str("download"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("report.html", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        Assert.Equal(1, await db.EvidenceBlobs.CountAsync());
        Assert.Equal(2, await db.Evidence.CountAsync());

        await eng.GetAsync($"/api/v1/runs/{id}/items/load-test/evidence/{first.Str("id")}/file").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Evidence_FileOverTheLimit_IsRefusedNamingTheLimit()
    {
        using var app = await RunsTestApp.StartAsync(settings: new Dictionary<string, string?> { ["Checklist:Evidence:MaxFileBytes"] = "1024" });
        var id = await app.CreateRunAsync();
        var eng = await app.ApiAsync(RunsTestApp.Eng1);
        var refused = await UploadAsync(eng, $"/api/v1/runs/{id}/items/restore-drill/evidence", "big.bin", new byte[1025]).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("'big.bin' is larger than the evidence file limit of 1.0 KB (1024 bytes, setting Checklist:Evidence:MaxFileBytes); " +
                     "attach a smaller file, or a link to where the large one is kept.", refused.Str("detail"));
        await UploadAsync(eng, $"/api/v1/runs/{id}/items/restore-drill/evidence", "ok.bin", new byte[1024]).ExpectAsync(HttpStatusCode.Created);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        Assert.Equal(1, await db.EvidenceBlobs.CountAsync());
    }

    [Fact]
    public async Task Evidence_BadInput_IsRefusedWithTheRule()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var eng = await app.ApiAsync(RunsTestApp.Eng1);
        var link = await eng.PostJsonAsync($"/api/v1/runs/{id}/items/rollback-plan/evidence", new { kind = "link", url = "javascript:alert(1)" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Evidence: a link must be an absolute http or https URL, not 'javascript:alert(1)'", link.Str("detail"));
        var kind = await eng.PostJsonAsync($"/api/v1/runs/{id}/items/rollback-plan/evidence", new { kind = "video" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("evidence is a link, a note or a file, not 'video'", kind.Str("detail"));
        var item = await eng.PostJsonAsync($"/api/v1/runs/{id}/items/no-such-item/evidence", new { kind = "note", text = "x" }).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("has no item 'no-such-item'", item.Str("detail"));
        await eng.PostJsonAsync($"/api/v1/runs/{Guid.NewGuid()}/items/x/evidence", new { kind = "note", text = "x" }).ExpectAsync(HttpStatusCode.NotFound);
        var auditor = await (await app.ApiAsync(RunsTestApp.Auditor)).PostJsonAsync($"/api/v1/runs/{id}/items/rollback-plan/evidence", new { kind = "note", text = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
    }

    [Fact]
    public async Task Evidence_Superseded_StaysListedAndWithdrawsTheSignOff()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var eng1 = await app.ApiAsync(RunsTestApp.Eng1);
        var note = await eng1.PostJsonAsync($"/api/v1/runs/{id}/items/load-test/evidence", new { kind = "note", text = "p95 200 ms" }).ExpectAsync(HttpStatusCode.Created);
        await (await app.ApiAsync(RunsTestApp.Eng2)).PostJsonAsync($"/api/v1/runs/{id}/items/load-test/signoff").ExpectAsync(HttpStatusCode.OK);
        await eng1.PostJsonAsync($"/api/v1/runs/{id}/items/load-test/evidence", new { kind = "note", text = "p95 180 ms (rerun)", supersedes = note.Str("id") })
            .ExpectAsync(HttpStatusCode.Created);

        var item = (await eng1.GetJsonAsync($"/api/v1/runs/{id}")).Item("load-test");
        Assert.Equal("pending", item.Str("state"));
        var evidence = item.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(2, evidence.Count);
        Assert.False(evidence[0].GetProperty("active").GetBoolean());
        Assert.Equal(evidence[1].Str("id"), evidence[0].Str("supersededBy"));
        Assert.True(evidence[1].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Decision_WhileItemsBlock_Returns409WithTheBlockingItems()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync("staging");
        var rm1 = await app.ApiAsync(RunsTestApp.Rm1);
        var blocked = await rm1.PostJsonAsync($"/api/v1/runs/{id}/decision", new { decision = "go", comment = "now" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("Gate: go refused while 4 required item(s) block", blocked.Str("detail"));
        Assert.Equal(4, blocked.GetProperty("blocking").GetArrayLength());
        Assert.Equal("Gate", blocked.Str("rule"));

        var noComment = await rm1.PostJsonAsync($"/api/v1/runs/{id}/decision", new { decision = "no-go" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("a no-go decision needs a comment", noComment.Str("detail"));
        var nogo = await rm1.PostJsonAsync($"/api/v1/runs/{id}/decision", new { decision = "no-go", comment = "load test missing" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("no-go", nogo.Str("decision"));
        var run = await rm1.GetJsonAsync($"/api/v1/runs/{id}");
        Assert.Equal("in-progress", run.Str("state"));
        Assert.Equal("no-go", run.GetProperty("decision").Str("decision"));
        await rm1.PostJsonAsync($"/api/v1/runs/{id}/decision", new { decision = "maybe" }).ExpectAsync(HttpStatusCode.BadRequest);
        await (await app.ApiAsync(RunsTestApp.Eng1)).PostJsonAsync($"/api/v1/runs/{id}/decision", new { decision = "no-go", comment = "x" }).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cancel_NeedsAReason_AndEndsTheRun()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var rm1 = await app.ApiAsync(RunsTestApp.Rm1);
        var noReason = await rm1.PostJsonAsync($"/api/v1/runs/{id}/cancel").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cancelling a run needs a reason", noReason.Str("detail"));
        var cancelled = await rm1.PostJsonAsync($"/api/v1/runs/{id}/cancel", new { reason = "release postponed" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.Str("state"));
        Assert.Equal("release postponed", cancelled.Str("cancelReason"));
        await rm1.PostJsonAsync($"/api/v1/runs/{id}/complete").ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OpenApi_DescribesTheRunsEndpoints()
    {
        using var app = await RunsTestApp.StartAsync(users: false);
        var document = await app.Factory.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
                 {
                     "/api/v1/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/gate", "/api/v1/runs/{id}/decision", "/api/v1/runs/{id}/cancel",
                     "/api/v1/runs/{id}/complete", "/api/v1/runs/{id}/runbook.md", "/api/v1/runs/{id}/audit",
                     "/api/v1/runs/{id}/items/{itemId}/evidence", "/api/v1/runs/{id}/items/{itemId}/evidence/{evidenceId}/file",
                     "/api/v1/runs/{id}/items/{itemId}/signoff", "/api/v1/runs/{id}/items/{itemId}/not-applicable",
                     "/api/v1/runs/{id}/items/{itemId}/waiver", "/api/v1/runs/{id}/items/{itemId}/waiver/approve",
                     "/api/v1/runs/{id}/items/{itemId}/waiver/reject", "/api/v1/runs/{id}/items/{itemId}/assign",
                 })
            Assert.Contains(path, paths);
        var run = document.GetProperty("paths").GetProperty("/api/v1/runs");
        Assert.True(run.TryGetProperty("post", out _));
        Assert.True(run.TryGetProperty("get", out _));
    }

    internal static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, byte[] content, string contentType = "text/plain")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return client.PostAsync(url, form);
    }
}
