using System.Net;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Checklist.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Checklist.Web.Tests.Runs;

public sealed class WaiverExpiryTests
{
    /// <summary>A clock set to a moment after the waiver's expiry, for the sweep only.</summary>
    private sealed class LaterClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory, MemberData(nameof(RunsTestApp.Providers), MemberType = typeof(RunsTestApp))]
    public async Task Sweep_ExpiredApprovedWaiver_ReopensTheItemAndTheGateListsIt(string provider)
    {
        using var app = await RunsTestApp.StartAsync(provider);
        var runId = await app.CreateRunAsync();
        var url = $"/api/v1/runs/{runId}";
        var rm1 = await app.ApiAsync(RunsTestApp.Rm1);
        var rm2 = await app.ApiAsync(RunsTestApp.Rm2);
        var expires = DateTimeOffset.UtcNow.AddDays(2);
        await rm1.PostJsonAsync($"{url}/items/load-test/waiver", new { justification = "after the holidays", expiresAt = expires }).ExpectAsync(HttpStatusCode.OK);
        await rm2.PostJsonAsync($"{url}/items/load-test/waiver/approve").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("waived", (await rm1.GetJsonAsync(url)).Item("load-test").Str("state"));

        Assert.Equal(0, await SweepAsync(app, DateTimeOffset.UtcNow)); // not yet due
        Assert.Equal(1, await SweepAsync(app, expires.AddMinutes(1)));
        Assert.Equal(0, await SweepAsync(app, expires.AddMinutes(2))); // once only

        var run = await rm1.GetJsonAsync(url);
        Assert.Equal("pending", run.Item("load-test").Str("state"));
        var gate = await rm1.GetJsonAsync($"{url}/gate");
        Assert.Equal("no-go", gate.Str("decision"));
        Assert.Contains(gate.GetProperty("blocking").EnumerateArray(), b => b.Str("itemId") == "load-test");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var expired = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "waiver.expired").ToListAsync();
        var audited = Assert.Single(expired);
        Assert.Equal($"{runId}/load-test", audited.EntityId);
        Assert.Equal(Core.Audit.AuditActorType.System, audited.ActorType);
    }

    [Fact]
    public async Task Sweep_WaiverUnderAGoDecisionExpires_DecisionTurnsStaleAndTheRunCanBeReopened()
    {
        using var app = await RunsTestApp.StartAsync();
        var runId = await app.CreateRunAsync();
        var url = $"/api/v1/runs/{runId}";
        var rm1 = await app.ApiAsync(RunsTestApp.Rm1);
        var rm2 = await app.ApiAsync(RunsTestApp.Rm2);
        var eng1 = await app.ApiAsync(RunsTestApp.Eng1);
        var eng2 = await app.ApiAsync(RunsTestApp.Eng2);
        await eng1.PostJsonAsync($"{url}/items/liveness-probe/not-applicable", new { reason = "a batch job" }).ExpectAsync(HttpStatusCode.OK);
        await RunsApiTests.UploadAsync(eng1, $"{url}/items/restore-drill/evidence", "restore.log", "restored\n"u8.ToArray()).ExpectAsync(HttpStatusCode.Created);
        await eng1.PostJsonAsync($"{url}/items/restore-drill/evidence", new { kind = "note", text = "Restored." }).ExpectAsync(HttpStatusCode.Created);
        await eng2.PostJsonAsync($"{url}/items/restore-drill/signoff").ExpectAsync(HttpStatusCode.OK);
        await eng1.PostJsonAsync($"{url}/items/rollback-plan/evidence", new { kind = "link", url = "https://wiki.example.com/rollback" }).ExpectAsync(HttpStatusCode.Created);
        await rm1.PostJsonAsync($"{url}/items/rollback-plan/signoff").ExpectAsync(HttpStatusCode.OK);
        var expires = DateTimeOffset.UtcNow.AddDays(2);
        await rm1.PostJsonAsync($"{url}/items/load-test/waiver", new { justification = "after the holidays", expiresAt = expires }).ExpectAsync(HttpStatusCode.OK);
        await rm2.PostJsonAsync($"{url}/items/load-test/waiver/approve").ExpectAsync(HttpStatusCode.OK);
        await rm2.PostJsonAsync($"{url}/decision", new { decision = "go", comment = "ship it" }).ExpectAsync(HttpStatusCode.OK);
        var notStale = await rm1.PostJsonAsync($"{url}/reopen", new { reason = "early" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("State:", notStale.Str("detail"));

        Assert.Equal(1, await SweepAsync(app, expires.AddMinutes(1)));

        var complete = await rm1.PostJsonAsync($"{url}/complete").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("stale", complete.Str("detail"));
        var reopened = await rm1.PostJsonAsync($"{url}/reopen", new { reason = "the load-test waiver expired" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("in-progress", reopened.Str("state"));

        await using var scope = app.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.RunId == runId).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
        Assert.Equal(["waiver.expired", "decision.stale", "run.reopened"], actions.SkipWhile(a => a != "waiver.expired"));
    }

    private static async Task<int> SweepAsync(RunsTestApp app, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sweep = new WaiverExpirySweep(services.GetRequiredService<ChecklistDbContext>(), services.GetRequiredService<AuditLog>(),
            services.GetRequiredService<WebhookOutbox>(), new LaterClock(now), NullLogger<WaiverExpirySweep>.Instance);
        return await sweep.ExpireDueAsync(CancellationToken.None);
    }
}
