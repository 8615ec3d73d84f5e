using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Runs;

/// <summary>The run pages over HTTP as a browser uses them: forms with antiforgery tokens, post-redirect-get, messages.</summary>
public sealed partial class RunPagesTests
{
    [Fact]
    public async Task CreateForm_ValidInput_RedirectsToTheNewRun()
    {
        using var app = await RunsTestApp.StartAsync();
        var rm = await app.SignInAsync(RunsTestApp.Rm1);
        var response = await rm.PostFormAsync("/runs/new", "/runs/new", new Dictionary<string, string>
        {
            ["TemplateId"] = RunsTestApp.Template,
            ["Service"] = "checkout",
            ["Version"] = "2.0.1",
            ["Environment"] = "staging",
            ["Namespace"] = "checkout",
            ["Selector"] = "app=checkout",
            ["PlannedGoLive"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm"),
            ["Owner"] = app.UserIds[RunsTestApp.Eng1],
            ["DeployKind"] = "gitops-flux",
            ["DeployName"] = "checkout",
            ["GitOpsNamespace"] = "flux-system",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/runs/[0-9a-f-]{36}$", location);

        var page = await rm.Client.GetStringAsync(location);
        Assert.Contains("Run created with 5 items from release-basics.", page);
        Assert.Contains("checkout 2.0.1", page);
        Assert.Contains("GitOps (Flux) application checkout", page);
        Assert.Contains("eng1@test.local", page);
        Assert.Contains("data-decision=\"no-go\"", page);
        Assert.Contains("<progress class=\"run-progress run-progress-large\" value=\"0\" max=\"4\"", page);
        Assert.Contains("flux reconcile kustomization checkout -n flux-system", page); // the runbook preview
    }

    [Fact]
    public async Task CreateForm_MissingFields_ShowsTheRuleAndKeepsTheInput()
    {
        using var app = await RunsTestApp.StartAsync();
        var rm = await app.SignInAsync(RunsTestApp.Rm1);
        var response = await rm.PostFormAsync("/runs/new", "/runs/new", new Dictionary<string, string>
        {
            ["TemplateId"] = RunsTestApp.Template,
            ["Service"] = "checkout",
            ["Environment"] = "staging",
            ["DeployKind"] = "helm",
            ["DeployName"] = "checkout",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Input: a Helm deploy needs the chart reference", html);
        Assert.Contains("value=\"checkout\"", html);
    }

    [Fact]
    public async Task RunPage_ActionsAndRefusals_ComeBackAsMessagesAtTheItem()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var eng1 = await app.SignInAsync(RunsTestApp.Eng1);
        var rm1 = await app.SignInAsync(RunsTestApp.Rm1);
        var rm2 = await app.SignInAsync(RunsTestApp.Rm2);
        var page = $"/runs/{id}";

        var link = await eng1.PostFormAsync(page, $"{page}/items/rollback-plan/evidence",
            [new("Kind", "link"), new("Url", "https://wiki.example.com/rollback"), new("Text", "Rollback page")]);
        Assert.Equal($"{page}#item-rollback-plan", link.Headers.Location!.OriginalString);
        var html = await eng1.Client.GetStringAsync(page);
        Assert.Contains("Added the link https://wiki.example.com/rollback.", Item(html, "rollback-plan"));
        Assert.Contains("<a href=\"https://wiki.example.com/rollback\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">Rollback page</a>", html);
        // The message is shown once; the runbook preview (kept per run version) already lists the new link.
        var again = await eng1.Client.GetStringAsync(page);
        Assert.DoesNotContain("Added the link", again);
        Assert.Contains("Link <a href=\"https://wiki.example.com/rollback\">Rollback page</a>", again[again.IndexOf("runbook-html", StringComparison.Ordinal)..]);

        await eng1.PostFormAsync(page, $"{page}/items/load-test/evidence",
            [new("Kind", "note"), new("Text", "p95 **180 ms** <script>alert('x')</script>")]);
        html = await eng1.Client.GetStringAsync(page);
        Assert.Contains("<strong>180 ms</strong>", Item(html, "load-test"));
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);

        await rm1.PostFormAsync(page, $"{page}/items/load-test/waiver",
            [new("Justification", "load test after the freeze"), new("ExpiresAt", DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm"))]);
        await rm1.PostFormAsync(page, $"{page}/items/load-test/waiver/approve", [new("Comment", "fine")]);
        html = await rm1.Client.GetStringAsync(page);
        Assert.Contains("Four-eyes: a waiver is approved or rejected by someone other than its requester; rm1@test.local requested this one",
            Item(html, "load-test"));
        await rm2.PostFormAsync(page, $"{page}/items/load-test/waiver/approve", [new("Comment", "risk accepted")]);
        html = await rm2.Client.GetStringAsync(page);
        Assert.Contains("Waiver approved.", Item(html, "load-test"));
        Assert.Contains("data-state=\"waived\"", Item(html, "load-test"));
        Assert.Contains("load test after the freeze (requested by rm1@test.local", html); // the gate's waived list

        var signOff = await eng1.PostFormAsync(page, $"{page}/items/rollback-plan/signoff", []);
        Assert.Equal(HttpStatusCode.Redirect, signOff.StatusCode);
        var refusedHtml = Item(await eng1.Client.GetStringAsync(page), "rollback-plan");
        Assert.True(refusedHtml.Contains("Role: only the role release manager or admin may sign off item &#x27;rollback-plan&#x27;"), refusedHtml);

        await rm1.PostFormAsync(page, $"{page}/items/restore-drill/assign", [new("UserId", app.UserIds[RunsTestApp.Eng2])]);
        var mine = await (await app.SignInAsync(RunsTestApp.Eng2)).Client.GetStringAsync("/runs/my-items");
        Assert.Contains("A restore from backup has been rehearsed", mine);
        Assert.Contains($"/runs/{id}#item-restore-drill", mine);

        var decision = await rm1.PostFormAsync(page, $"{page}/decision", [new("Decision", "go"), new("Comment", "now")]);
        Assert.Equal($"{page}#decision", decision.Headers.Location!.OriginalString);
        Assert.Contains("Four-eyes: in production the go-live decision is by a release manager other than the run&#x27;s creator",
            await rm1.Client.GetStringAsync(page));
        await rm2.PostFormAsync(page, $"{page}/decision", [new("Decision", "go"), new("Comment", "now")]);
        Assert.Contains("Gate: go refused while 3 required item(s) block", await rm2.Client.GetStringAsync(page));

        var auditor = await app.SignInAsync(RunsTestApp.Auditor);
        var readOnly = await auditor.Client.GetStringAsync(page);
        Assert.DoesNotContain("data-testid=\"add-link\"", readOnly);
        Assert.DoesNotContain("data-testid=\"decision-form\"", readOnly);
        Assert.Contains("data-testid=\"add-link\"", await eng1.Client.GetStringAsync(page));
    }

    [Fact]
    public async Task RunPage_FileUpload_StreamsStoresAndDownloads()
    {
        using var app = await RunsTestApp.StartAsync(settings: new Dictionary<string, string?> { ["Checklist:Evidence:MaxFileBytes"] = "2048" });
        var id = await app.CreateRunAsync();
        var eng1 = await app.SignInAsync(RunsTestApp.Eng1);
        var page = $"/runs/{id}";

        var ok = await UploadAsync(eng1, page, "restore-drill", "restore.log", "restored 12 tables\n"u8.ToArray());
        Assert.Equal($"{page}#item-restore-drill", ok.Headers.Location!.OriginalString);
        var html = await eng1.Client.GetStringAsync(page);
        Assert.Contains("Attached restore.log (19 bytes, SHA-256 ", Item(html, "restore-drill"));
        var href = FileLink().Match(html).Groups[1].Value;
        using var download = await eng1.Client.GetAsync(href);
        Assert.Equal("restored 12 tables\n", await download.Content.ReadAsStringAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        await UploadAsync(eng1, page, "restore-drill", "huge.bin", new byte[4096]);
        Assert.Contains("&#x27;huge.bin&#x27; is larger than the evidence file limit of 2.0 KB (2048 bytes",
            Item(await eng1.Client.GetStringAsync(page), "restore-drill"));

        var noToken = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.bin" } };
        var refused = await eng1.Client.PostAsync($"{page}/items/restore-drill/files", noToken);
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListAndDashboard_ShowRunsByFilterAndState()
    {
        using var app = await RunsTestApp.StartAsync();
        await app.CreateRunAsync("production");
        await app.CreateRunAsync("staging", new { service = "billing" });
        var eng = await app.SignInAsync(RunsTestApp.Eng1);

        var all = await eng.Client.GetStringAsync("/runs");
        Assert.Equal(2, Regex.Count(all, "data-testid=\"run-row\""));
        var billing = await eng.Client.GetStringAsync("/runs?service=billing");
        Assert.Equal(1, Regex.Count(billing, "data-testid=\"run-row\""));
        Assert.Contains("billing 1.4.0", billing);
        var bad = await eng.Client.GetStringAsync("/runs?state=nonsense");
        Assert.Contains("&#x27;nonsense&#x27; is not a run state", bad);
        var later = await eng.Client.GetStringAsync($"/runs?from={DateTime.UtcNow.AddDays(10):yyyy-MM-dd}");
        Assert.Contains("No runs match.", later);

        var dashboard = await eng.Client.GetStringAsync("/");
        Assert.Matches("data-testid=\"count-draft\">\\s*<div class=\"card-body\">\\s*<div class=\"display-6\">2<", dashboard);
        Assert.Equal(2, Regex.Count(dashboard, "data-testid=\"upcoming-run\""));
    }

    private static Task<HttpResponseMessage> UploadAsync(BrowserSession session, string page, string itemId, string name, byte[] content) =>
        UploadWithTokenAsync(session, page, itemId, name, content);

    private static async Task<HttpResponseMessage> UploadWithTokenAsync(BrowserSession session, string page, string itemId, string name, byte[] content)
    {
        var token = await session.AntiforgeryTokenAsync(page);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", name }, { new StringContent(token), "__RequestVerificationToken" } };
        var response = await session.Client.PostAsync($"{page}/items/{itemId}/files", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>The HTML of one item's article on the run page.</summary>
    private static string Item(string html, string itemId)
    {
        var start = html.IndexOf($"id=\"item-{itemId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no item {itemId}");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [GeneratedRegex("href=\"(/runs/[0-9a-f-]+/evidence/[0-9a-f-]+/file)\"")]
    private static partial Regex FileLink();
}
