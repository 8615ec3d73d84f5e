using System.Net;
using Checklist.Core.Runs;
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

    private static async Task<int> SweepAsync(RunsTestApp app, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sweep = new WaiverExpirySweep(services.GetRequiredService<ChecklistDbContext>(), services.GetRequiredService<AuditLog>(),
            services.GetRequiredService<WebhookOutbox>(), new LaterClock(now), NullLogger<WaiverExpirySweep>.Instance);
        return await sweep.ExpireDueAsync(CancellationToken.None);
    }
}
