using System.Net;
using System.Net.Http.Headers;
using Checklist.Core.Probes;
using Checklist.Web.Data;
using Checklist.Web.Operations.Metrics;
using Checklist.Web.Tests.Infrastructure;
using Checklist.Web.Tests.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Operations;

public sealed class MetricsTests
{
    private const string Duration = "http_server_request_duration_seconds";

    [Fact]
    public async Task Scrape_AfterRequests_IsValidPrometheusTextWithEverySeries()
    {
        using var factory = new ChecklistAppFactory();
        var client = factory.CreateNoRedirectClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        var signIn = await new BrowserSession(client).SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page/12345")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/templates/no-such-template")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates/kubernetes-production-readiness")).StatusCode);
        var metrics = factory.Services.GetRequiredService<ChecklistMetrics>();
        metrics.VerificationCompleted("succeeded", TimeSpan.FromSeconds(1.5));
        metrics.VerificationCompleted("failed", TimeSpan.FromSeconds(400));
        metrics.ProbeResult("pdb-present", ProbeVerdict.Passed);
        metrics.ProbeResult("pdb-present", ProbeVerdict.NotApplicable);
        metrics.ProbeResult("pdb-present", ProbeVerdict.Passed);
        metrics.WebhookDelivered("delivered");

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var scrape = MetricsScrape.Parse(await response.Content.ReadAsStringAsync());
        var (exitCode, output) = await scrape.PromtoolAsync();
        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}):\n{output}\n{scrape.Text}");

        Assert.Equal(3, scrape.Single(Duration + "_count", ("route", "/healthz/live"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, scrape.Single(Duration + "_count", ("route", "/templates/{id}"), ("method", "GET"), ("status", "200")));
        // A 404 for an unknown path is one series, and the raw path never becomes a label value.
        Assert.Equal(1, scrape.Single(Duration + "_count", ("route", HttpMetricsMiddleware.Unmatched), ("status", "404")));
        Assert.DoesNotContain("no-such-page", scrape.Text);
        // A 404 re-executed through the error page keeps the route of the request that made it.
        Assert.Equal(1, scrape.Single(Duration + "_count", ("route", "/templates/{id}"), ("status", "404")));
        Assert.Empty(scrape.Find(Duration + "_count", ("route", "/error/{status:int?}")));
        Assert.InRange(scrape.Single(Duration + "_sum", ("route", "/healthz/live")), 0, 30);

        Assert.Equal(1, scrape.Single("checklist_verification_jobs_total", ("result", "succeeded")));
        Assert.Equal(1, scrape.Single("checklist_verification_jobs_total", ("result", "failed")));
        Assert.Equal(2, scrape.Single("checklist_verification_duration_seconds_count"));
        Assert.Equal(401.5, scrape.Single("checklist_verification_duration_seconds_sum"), 6);
        Assert.Equal(1, scrape.Single("checklist_verification_duration_seconds_bucket", ("le", "2.5")));
        Assert.Equal(1, scrape.Single("checklist_verification_duration_seconds_bucket", ("le", "300")));
        Assert.Equal(2, scrape.Single("checklist_verification_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(2, scrape.Single("checklist_probe_results_total", ("probe", "pdb-present"), ("verdict", "passed")));
        Assert.Equal(1, scrape.Single("checklist_probe_results_total", ("probe", "pdb-present"), ("verdict", "not-applicable")));
        Assert.Equal(1, scrape.Single("checklist_webhook_deliveries_total", ("result", "delivered")));

        await using var scope = factory.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents.CountAsync();
        Assert.True(events > 0);
        Assert.Equal(events, scrape.Single("checklist_audit_chain_length"));
    }

    [Fact]
    public async Task Scrape_AfterAVerificationJobAndWebhooks_CountsThemAndTheRunsByState()
    {
        using var receiver = new HttpListener();
        var port = FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var answering = AnswerAsync(receiver);
        using var app = await VerificationTestApp.StartAsync(settings: new Dictionary<string, string?> { ["Checklist:Webhooks:PollSeconds"] = "0.1" });
        var runId = await app.CreateRunAsync(Core.Runs.RunTarget.Manifests("shop"),
        [
            VerificationTestApp.ProbeItem("replicas", "replicas-min", """{"min":1}"""),
            VerificationTestApp.ProbeItem("replicas-strict", "replicas-min", """{"min":2}""", required: false),
            VerificationTestApp.ProbeItem("liveness", "liveness-probe"),
            VerificationTestApp.ProbeItem("backup", "backup-schedule", appliesWhen: "hasStatefulSets"),
        ]);
        Assert.Equal(HttpStatusCode.OK, (await app.UploadManifestsAsync(runId, Verification.ManifestVerificationTests.Manifests)).StatusCode);
        Assert.Equal("succeeded", (await app.VerifyAndWaitAsync(runId)).GetProperty("status").GetString());
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var webhooks = scope.ServiceProvider.GetRequiredService<Webhooks.WebhookAdministration>();
            Assert.Null(await webhooks.CreateAsync("ok", $"http://127.0.0.1:{port}/hook", "a-long-enough-webhook-secret", [Webhooks.WebhookEvents.ItemFailed], default));
            Assert.Null(await webhooks.CreateAsync("down", "http://127.0.0.1:1/hook", "a-long-enough-webhook-secret", [Webhooks.WebhookEvents.ItemFailed], default));
            foreach (var endpoint in await webhooks.ListAsync(default)) Assert.True(await webhooks.QueueTestAsync(endpoint.Id, default));
        }

        var scrape = await ScrapeUntilAsync(app.Factory.CreateClient(), s =>
            s.Find("checklist_webhook_deliveries_total").Sum(x => x.Value) >= 2);

        Assert.Equal(1, scrape.Single("checklist_verification_jobs_total", ("result", "succeeded")));
        Assert.Equal(1, scrape.Single("checklist_verification_duration_seconds_count"));
        Assert.Equal(1, scrape.Single("checklist_probe_results_total", ("probe", "replicas-min"), ("verdict", "passed")));
        Assert.Equal(1, scrape.Single("checklist_probe_results_total", ("probe", "replicas-min"), ("verdict", "failed")));
        Assert.Equal(1, scrape.Single("checklist_probe_results_total", ("probe", "liveness-probe"), ("verdict", "failed")));
        Assert.Equal(1, scrape.Single("checklist_probe_results_total", ("probe", "backup-schedule"), ("verdict", "not-applicable")));
        Assert.Equal(1, scrape.Single("checklist_webhook_deliveries_total", ("result", "delivered")));
        Assert.Equal(1, scrape.Single("checklist_webhook_deliveries_total", ("result", "retrying")));
        // One run, in whichever state the verification left it; every state has its series.
        Assert.Equal(["cancelled", "completed", "decided", "draft", "in-progress"], scrape.Find("checklist_runs").Select(s => s.Labels["state"]).Order());
        Assert.Equal(1, scrape.Find("checklist_runs").Sum(s => s.Value));
        var (exitCode, output) = await scrape.PromtoolAsync();
        Assert.True(exitCode == 0, output);
        receiver.Stop();
        await answering;
    }

    [Fact]
    public async Task Scrape_Histogram_BucketsAreCumulativeAndEndAtTheCount()
    {
        using var factory = new ChecklistAppFactory();
        var client = factory.CreateNoRedirectClient();
        for (var i = 0; i < 5; i++) await client.GetAsync("/healthz/ready");

        var scrape = MetricsScrape.Parse(await client.GetStringAsync("/metrics"));

        var buckets = scrape.Find(Duration + "_bucket", ("route", "/healthz/ready"), ("status", "200")).ToList();
        Assert.Equal(12, buckets.Count); // 11 boundaries and +Inf
        Assert.Equal(double.PositiveInfinity, double.Parse(buckets[^1].Labels["le"].Replace("+Inf", "Infinity"), System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 1; i < buckets.Count; i++) Assert.True(buckets[i].Value >= buckets[i - 1].Value, scrape.Text);
        Assert.Equal(5, buckets[^1].Value);
        Assert.Equal(5, scrape.Single(Duration + "_count", ("route", "/healthz/ready"), ("status", "200")));
    }

    [Fact]
    public async Task Scrape_RequireAuthentication_NeedsAnApiToken()
    {
        using var factory = new ChecklistAppFactory(new Dictionary<string, string?> { ["Checklist:Metrics:RequireAuthentication"] = "true" });
        var client = factory.CreateNoRedirectClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE checklist_audit_chain_length gauge", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scrape_MetricsPortSet_AnswersOnlyOnThatPort()
    {
        int mainPort = FreePort(), metricsPort = FreePort();
        using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{mainPort};http://127.0.0.1:{metricsPort}", // as the Deployment's two ports
            ["Checklist__Metrics__Port"] = metricsPort.ToString(),
            ["Checklist__Runbooks__TemplateDirectory"] = Path.Combine(RepositoryPaths.Root, "templates"),
        });
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(app.HasExited, app.Stderr + app.Stdout);
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{mainPort}/healthz/live")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { } // not listening yet
            Assert.True(DateTime.UtcNow < deadline, "The app did not start: " + app.Stderr + app.Stdout);
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"http://127.0.0.1:{mainPort}/metrics")).StatusCode);
        var scrape = await client.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("route=\"/healthz/live\"", await scrape.Content.ReadAsStringAsync());
        app.Terminate();
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Writer_LabelValuesAndHelp_AreEscaped()
    {
        var writer = new PrometheusTextWriter();
        writer.WriteHeader("x_total", "Help with a \\ backslash\nand a new line \"quoted\".", "counter");
        writer.WriteSample("x_total", [new("probe", "a\\b \"c\"\nd")], 3L);
        writer.WriteSample("y", [], 0.25);

        Assert.Equal(
            "# HELP x_total Help with a \\\\ backslash\\nand a new line \"quoted\".\n" +
            "# TYPE x_total counter\n" +
            "x_total{probe=\"a\\\\b \\\"c\\\"\\nd\"} 3\n" +
            "y 0.25\n",
            writer.ToString());
    }

    private static async Task<MetricsScrape> ScrapeUntilAsync(HttpClient client, Func<MetricsScrape, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scrape = MetricsScrape.Parse(await client.GetStringAsync("/metrics"));
            if (done(scrape)) return scrape;
            Assert.True(DateTime.UtcNow < deadline, "The expected series did not appear:\n" + scrape.Text);
            await Task.Delay(100);
        }
    }

    /// <summary>A webhook receiver that accepts every delivery, until the listener stops.</summary>
    private static async Task AnswerAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) when (!listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
