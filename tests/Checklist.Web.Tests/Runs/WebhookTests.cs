using System.Net;
using Checklist.Core.Probes;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Checklist.Web.Tests.Infrastructure;
using Checklist.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Runs;

public sealed class WebhookTests
{
    private const string Secret = "a-shared-secret-of-some-length";

    private static Dictionary<string, string?> FastDispatch(int maxAttempts = 5) => new()
    {
        ["Checklist:Webhooks:PollSeconds"] = "0.1",
        ["Checklist:Webhooks:BaseDelaySeconds"] = "0.3",
        ["Checklist:Webhooks:MaxAttempts"] = maxAttempts.ToString(),
        ["Checklist:Webhooks:TimeoutSeconds"] = "3",
        ["Checklist:Webhooks:PublicBaseUrl"] = "https://checklist.example.com/",
    };

    [Theory, MemberData(nameof(RunsTestApp.Providers), MemberType = typeof(RunsTestApp))]
    public async Task RunEvents_AreDeliveredSignedAndSlackShaped(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        using var app = await RunsTestApp.StartAsync(provider, FastDispatch());
        var admin = await AdminAsync(app);
        var created = await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks",
        [
            new("Name", "release channel"), new("Url", receiver.Url), new("Secret", Secret),
            new("Events", WebhookEvents.ItemFailed), new("Events", WebhookEvents.WaiverRequested),
            new("Events", WebhookEvents.RunReadyForDecision), new("Events", WebhookEvents.DecisionRecorded),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var id = await app.CreateRunAsync("staging");
        var url = $"/api/v1/runs/{id}";
        var rm1 = await app.ApiAsync(RunsTestApp.Rm1);
        var rm2 = await app.ApiAsync(RunsTestApp.Rm2);
        var eng1 = await app.ApiAsync(RunsTestApp.Eng1);
        var eng2 = await app.ApiAsync(RunsTestApp.Eng2);
        await eng1.PostJsonAsync($"{url}/items/load-test/waiver", new { justification = "after the <freeze> & more", expiresAt = DateTimeOffset.UtcNow.AddDays(9) })
            .ExpectAsync(HttpStatusCode.OK);
        await FailProbeAsync(app, id, "liveness-probe");
        await eng1.PostJsonAsync($"{url}/items/liveness-probe/not-applicable", new { reason = "a batch job" }).ExpectAsync(HttpStatusCode.OK);
        await eng1.PostJsonAsync($"{url}/items/restore-drill/evidence", new { kind = "note", text = "restored" }).ExpectAsync(HttpStatusCode.Created);
        await RunsApiTests.UploadAsync(eng1, $"{url}/items/restore-drill/evidence", "restore.log", "ok"u8.ToArray()).ExpectAsync(HttpStatusCode.Created);
        await eng2.PostJsonAsync($"{url}/items/restore-drill/signoff").ExpectAsync(HttpStatusCode.OK);
        await eng1.PostJsonAsync($"{url}/items/rollback-plan/evidence", new { kind = "link", url = "https://wiki.example.com/rb" }).ExpectAsync(HttpStatusCode.Created);
        await rm1.PostJsonAsync($"{url}/items/rollback-plan/signoff").ExpectAsync(HttpStatusCode.OK);
        await rm2.PostJsonAsync($"{url}/items/load-test/waiver/approve").ExpectAsync(HttpStatusCode.OK); // the gate turns go here
        await rm1.PostJsonAsync($"{url}/decision", new { decision = "go", comment = "ship" }).ExpectAsync(HttpStatusCode.OK);

        var deliveries = await receiver.WaitForAsync(4);
        Assert.Equal([WebhookEvents.WaiverRequested, WebhookEvents.ItemFailed, WebhookEvents.RunReadyForDecision, WebhookEvents.DecisionRecorded],
            deliveries.OrderBy(d => d.Json.GetProperty("checklist").GetProperty("at").GetDateTimeOffset()).Select(d => d.Event));
        foreach (var delivery in deliveries)
        {
            Assert.True(delivery.SignatureValid, $"bad signature on {delivery.Event}");
            Assert.InRange(delivery.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.Equal(delivery.Event, delivery.Json.GetProperty("checklist").Str("event"));
            Assert.Equal(id, delivery.Json.GetProperty("checklist").GetProperty("run").GetProperty("id").GetGuid());
            Assert.Equal($"https://checklist.example.com/runs/{id}", delivery.Json.GetProperty("checklist").GetProperty("run").Str("url"));
            Assert.Contains("*shop 1.4.0* to staging", delivery.Json.Str("text"));
            Assert.Equal("mrkdwn", delivery.Json.GetProperty("blocks")[0].GetProperty("text").Str("type"));
        }
        var waiver = deliveries.Single(d => d.Event == WebhookEvents.WaiverRequested);
        Assert.Contains("after the &lt;freeze&gt; &amp; more", waiver.Json.Str("text"));
        Assert.Equal("load-test", waiver.Json.GetProperty("checklist").GetProperty("item").Str("id"));
        var failed = deliveries.Single(d => d.Event == WebhookEvents.ItemFailed);
        Assert.Equal("failed", failed.Json.GetProperty("checklist").GetProperty("item").Str("state"));
        var decision = deliveries.Single(d => d.Event == WebhookEvents.DecisionRecorded);
        Assert.Equal("go", decision.Json.GetProperty("checklist").GetProperty("data").Str("decision"));
        Assert.Equal(64, decision.Json.GetProperty("checklist").GetProperty("data").Str("runbookSha256").Length);

        var log = await admin.Client.GetStringAsync("/admin/webhooks/deliveries");
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(log, "data-status=\"delivered\""));
        Assert.Contains("HTTP 200", log);
    }

    [Fact]
    public async Task FailingEndpoint_IsRetriedWithBackoff_AndEveryAttemptIsLogged()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, 500, 503);
        using var app = await RunsTestApp.StartAsync(settings: FastDispatch());
        var admin = await AdminAsync(app);
        await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks",
            [new("Name", "flaky"), new("Url", receiver.Url), new("Secret", Secret), new("Events", WebhookEvents.DecisionRecorded)]);
        var endpointId = await EndpointIdAsync(app, "flaky");
        var test = await admin.PostFormAsync("/admin/webhooks", $"/admin/webhooks/{endpointId}/test", []);
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);

        var received = await receiver.WaitForAsync(3);
        Assert.All(received, r => Assert.True(r.SignatureValid));
        Assert.Single(received.Select(r => r.Body).Distinct()); // every retry sends the same bytes
        // Exponential backoff: the second wait is about twice the first (0.3 s, then 0.6 s).
        var first = received[1].At - received[0].At;
        var second = received[2].At - received[1].At;
        Assert.True(first >= TimeSpan.FromSeconds(0.25), $"first retry after {first}");
        Assert.True(second >= TimeSpan.FromSeconds(0.55), $"second retry after {second}");

        var delivery = await WaitForDeliveryAsync(app, WebhookDeliveryStatus.Delivered);
        Assert.Equal(3, delivery.AttemptCount);
        await using var scope = app.Services.CreateAsyncScope();
        var attempts = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().WebhookAttempts.AsNoTracking()
            .Where(a => a.DeliveryId == delivery.Id).OrderBy(a => a.Number).ToListAsync();
        Assert.Equal([500, 503, 200], attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal("the endpoint answered HTTP 500 Internal Server Error", attempts[0].Error);
        Assert.Null(attempts[2].Error);

        var log = await admin.Client.GetStringAsync($"/admin/webhooks/deliveries?endpoint={endpointId}");
        Assert.Contains("HTTP 500 (the endpoint answered HTTP 500 Internal Server Error)", log);
        Assert.Contains("HTTP 503", log);
    }

    [Fact]
    public async Task UnreachableEndpoint_FailsAfterTheLastAttempt_WithTheReason()
    {
        using var app = await RunsTestApp.StartAsync(settings: FastDispatch(maxAttempts: 2));
        var admin = await AdminAsync(app);
        // A port nothing listens on: bind one, then release it.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks",
            [new("Name", "gone"), new("Url", $"http://127.0.0.1:{port}/hook"), new("Secret", Secret), new("Events", WebhookEvents.ItemFailed)]);
        await admin.PostFormAsync("/admin/webhooks", $"/admin/webhooks/{await EndpointIdAsync(app, "gone")}/test", []);

        var delivery = await WaitForDeliveryAsync(app, WebhookDeliveryStatus.Failed);
        Assert.Equal(2, delivery.AttemptCount);
        Assert.Null(delivery.LastStatusCode);
        Assert.Contains("refused", delivery.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EndpointForm_RefusesBadInput_WithTheReason()
    {
        using var app = await RunsTestApp.StartAsync(users: false);
        var admin = await AdminAsync(app);
        var response = await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks",
            [new("Name", "x"), new("Url", "ftp://example.com"), new("Secret", Secret), new("Events", WebhookEvents.ItemFailed)]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The URL must be an absolute http or https URL, not &#x27;ftp://example.com&#x27;.", await response.Content.ReadAsStringAsync());
        response = await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks",
            [new("Name", "x"), new("Url", "https://example.com/hook"), new("Secret", "short")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The secret must be at least 16 characters long.", html);
        response = await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks",
            [new("Name", "x"), new("Url", "https://example.com/hook"), new("Secret", Secret)]);
        Assert.Contains("Choose at least one event", await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the verification job does with a failing probe: record it on the run and queue the notifications, in one save.</summary>
    private static async Task FailProbeAsync(RunsTestApp app, Guid runId, string itemId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        var run = await db.Runs.ForChange().SingleAsync(r => r.Id == runId);
        var now = DateTimeOffset.UtcNow;
        var gate = run.EvaluateGate(now);
        var outcome = run.RecordProbeResult(itemId, ProbeVerdict.Failed, "Deployment/shop: container web has no liveness probe", null, now);
        await outbox.QueueRunChangesAsync(run, gate, [(run.Item(itemId), outcome.Event)], now, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private static async Task<BrowserSession> AdminAsync(RunsTestApp app)
    {
        var admin = new BrowserSession(app.Factory.CreateNoRedirectClient());
        await admin.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        return admin;
    }

    private static async Task<Guid> EndpointIdAsync(RunsTestApp app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().WebhookEndpoints.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    private static async Task<WebhookDelivery> WaitForDeliveryAsync(RunsTestApp app, WebhookDeliveryStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var delivery = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().WebhookDeliveries.AsNoTracking()
                    .FirstOrDefaultAsync(d => d.Status == status);
                if (delivery is not null) return delivery;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no delivery reached {status} within 20 s");
            await Task.Delay(50);
        }
    }
}
