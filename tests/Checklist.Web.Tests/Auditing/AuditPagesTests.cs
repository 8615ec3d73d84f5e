using System.Net;
using System.Text.RegularExpressions;
using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Auditing;

public sealed partial class AuditPagesTests : IAsyncLifetime
{
    private readonly ChecklistAppFactory _factory = new(new Dictionary<string, string?> { ["Checklist:Audit:RetentionDays"] = "3650" });
    private BrowserSession _auditor = null!;

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await TestUsers.CreateOnePerRoleAsync(_factory.Services);
        _auditor = new BrowserSession(_factory.CreateNoRedirectClient());
        Assert.Equal(HttpStatusCode.Redirect, (await _auditor.SignInAsync(TestUsers.EmailFor(Roles.Auditor), TestUsers.Password)).StatusCode);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Index_MoreThanAPage_PagesByKeysetBothWays()
    {
        await AuditTrailTests.AppendAsync(_factory, 120, action: "test.paged");
        var all = (await AuditTrailTests.EventsAsync(_factory)).Where(e => e.Action == "test.paged").Select(e => e.Seq).OrderDescending().ToList();

        var first = await PageAsync("/audit?action=test.paged");
        Assert.Equal(all.Take(50), first.Seqs);
        Assert.Null(first.Newer);
        Assert.Equal($"/audit?action=test.paged&before={all[49]}", first.Older);

        var second = await PageAsync(first.Older!);
        Assert.Equal(all.Skip(50).Take(50), second.Seqs);
        var third = await PageAsync(second.Older!);
        Assert.Equal(all.Skip(100), third.Seqs);
        Assert.Null(third.Older);

        // Back towards the newest: the page just newer than the third is the second again.
        Assert.Equal($"/audit?action=test.paged&after={all[100]}", third.Newer);
        var back = await PageAsync(third.Newer!);
        Assert.Equal(second.Seqs, back.Seqs);
        Assert.NotNull(back.Older);
        var top = await PageAsync(back.Newer!);
        Assert.Equal(first.Seqs, top.Seqs);
        Assert.Null(top.Newer);
    }

    [Fact]
    public async Task Index_Filters_MatchActorRunEntityAndTime()
    {
        var engineerId = await UserIdAsync(Roles.Engineer);
        var runA = Guid.NewGuid();
        var runB = Guid.NewGuid();
        await AuditTrailTests.AppendAsync(_factory, 3, new AuditActor(engineerId, TestUsers.EmailFor(Roles.Engineer), AuditActorType.Token), runA, "test.filtered");
        await AuditTrailTests.AppendAsync(_factory, 2, AuditActor.System, runB, "test.filtered");
        var events = (await AuditTrailTests.EventsAsync(_factory)).Where(e => e.Action == "test.filtered").ToList();

        // An e-mail address finds the user's events by id, whether they came through the UI or a token.
        var byActor = await PageAsync("/audit?actor=" + Uri.EscapeDataString(TestUsers.EmailFor(Roles.Engineer)) + "&action=test.filtered");
        Assert.Equal(events.Where(e => e.ActorId == engineerId).Select(e => e.Seq).OrderDescending(), byActor.Seqs);
        Assert.Equal(3, byActor.Html.Split("data-testid=\"actor-type\">token<").Length - 1);

        Assert.Equal(events.Where(e => e.RunId == runB).Select(e => e.Seq).OrderDescending(), (await PageAsync($"/audit?runId={runB}")).Seqs);
        Assert.Equal(events.Where(e => e.RunId == runB).Select(e => e.Seq).OrderDescending(), (await PageAsync("/audit?actorType=system&action=test.filtered")).Seqs);
        var one = events[1];
        Assert.Equal([one.Seq], (await PageAsync($"/audit?action=test.filtered&entityType=Sample&entityId={one.EntityId}&runId={runA}")).Seqs);

        var at = one.At.UtcDateTime;
        var window = await PageAsync($"/audit?action=test.filtered&from={at.AddMinutes(-5):yyyy-MM-ddTHH:mm}&to={at.AddMinutes(5):yyyy-MM-ddTHH:mm}");
        Assert.Equal(events.Select(e => e.Seq).OrderDescending(), window.Seqs);
        var later = await PageAsync($"/audit?action=test.filtered&from={at.AddDays(1):yyyy-MM-dd}");
        Assert.Empty(later.Seqs);
        Assert.Contains("No audit event matches this filter.", later.Html);
    }

    [Fact]
    public async Task Index_BadFilter_Is400NamingTheParameter()
    {
        var response = await _auditor.Client.GetAsync("/audit?runId=not-a-guid&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("runId must be a run's id", html);
        Assert.Contains("from must be a time as yyyy-MM-dd", html);
        Assert.DoesNotContain("   at ", html);
    }

    [Fact]
    public async Task Index_Rows_ShowSeqTimeActorSourceActionEntityAndRun()
    {
        var run = Guid.NewGuid();
        await AuditTrailTests.AppendAsync(_factory, 1, new AuditActor("u-1", "Ann <ann@test.local>", AuditActorType.User), run, "test.row");
        var e = (await AuditTrailTests.EventsAsync(_factory)).Single(x => x.Action == "test.row");
        var page = await PageAsync("/audit?action=test.row");
        Assert.Equal([e.Seq], page.Seqs);
        Assert.Contains($"<a href=\"/audit/{e.Seq}\">{e.Seq}</a>", page.Html);
        Assert.Contains(AuditFormat(e.At), page.Html);
        Assert.Contains("Ann &lt;ann@test.local&gt;", page.Html); // encoded, never raw
        Assert.Contains("href=\"/audit?actor=u-1\"", page.Html);
        Assert.Contains($"href=\"/audit/runs/{run}\"", page.Html);
        Assert.Contains("Sample <span class=\"audit-entity-id\">sample-0</span>", page.Html);
    }

    [Fact]
    public async Task Event_BeforeAndAfter_MarkChangedAddedAndRemovedMembers()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<AuditLog>().Record("test.detail", "Item", "item-1", null,
                before: new { state = "pending", title = "Backups <tested>", gone = 1, nested = new { keep = true, flag = "a" } },
                after: new { state = "passed", title = "Backups <tested>", nested = new { keep = true, flag = "b" }, added = new[] { 1, 2 } });
            await services.GetRequiredService<Checklist.Web.Data.ChecklistDbContext>().SaveChangesAsync();
        }
        var e = (await AuditTrailTests.EventsAsync(_factory)).Single(x => x.Action == "test.detail");

        var response = await _auditor.Client.GetAsync($"/audit/{e.Seq}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var before = Lines(html, "before");
        var after = Lines(html, "after");
        Assert.Contains(("json-line json-changed", "  \"state\": \"pending\","), before);
        Assert.Contains(("json-line json-changed", "  \"state\": \"passed\","), after);
        Assert.Contains(("json-line", "  \"title\": \"Backups <tested>\","), before);
        Assert.Contains(("json-line json-removed", "  \"gone\": 1,"), before);
        Assert.Contains(("json-line", "    \"keep\": true,"), after);
        Assert.Contains(("json-line json-changed", "    \"flag\": \"b\""), after);
        Assert.Contains(("json-line json-added", "  \"added\": ["), after);
        Assert.Contains(("json-line json-added", "    2"), after);
        Assert.DoesNotContain(before, l => l.Text.Contains("added"));
        Assert.Contains("Backups &lt;tested&gt;", html);
        Assert.Contains($"data-testid=\"hash\">{e.Hash}<", html);
        Assert.Contains($"data-testid=\"previous-hash\">{e.PreviousHash}<", html);
        Assert.Contains($"data-testid=\"correlation-id\">{e.CorrelationId}<", html);
    }

    [Fact]
    public async Task Event_Unknown_Is404()
    {
        var response = await _auditor.Client.GetAsync("/audit/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no event with sequence number 999999", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VerifyPage_Post_ShowsTheResultTheHeadAndTheRetention()
    {
        var page = await _auditor.Client.GetAsync("/audit/verify");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"retention-days\">3650<", html);
        Assert.DoesNotContain("data-testid=\"verify-result\"", html);

        var result = await _auditor.PostFormAsync("/audit/verify", "/audit/verify", []);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        html = await result.Content.ReadAsStringAsync();
        Assert.Contains("data-ok=\"true\"", html);
        var events = await AuditTrailTests.EventsAsync(_factory);
        Assert.Contains($"data-testid=\"head-seq\">{events[^1].Seq}<", html);
        Assert.Contains($"{events.Count} events checked", html);

        var target = events[1].Seq;
        await AuditTrailTests.ExecuteAsync(_factory, ["DROP TRIGGER \"AuditEvents_no_update\"", $"UPDATE \"AuditEvents\" SET \"SourceAddress\" = '10.6.6.6' WHERE \"Seq\" = {target}"]);
        html = await (await _auditor.PostFormAsync("/audit/verify", "/audit/verify", [])).Content.ReadAsStringAsync();
        Assert.Contains("data-ok=\"false\"", html);
        Assert.Contains($"data-first-bad-seq=\"{target}\"", html);
        Assert.Contains($"The chain does not verify from event {target} on.", html);
    }

    [Fact]
    public async Task Pages_AsEngineer_ShowTheLogButNoExportOrVerify()
    {
        var engineer = new BrowserSession(_factory.CreateNoRedirectClient());
        await engineer.SignInAsync(TestUsers.EmailFor(Roles.Engineer), TestUsers.Password);
        var html = await (await engineer.Client.GetAsync("/audit")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"audit-row\"", html);
        Assert.DoesNotContain("export-csv", html);
        Assert.DoesNotContain("href=\"/audit/verify\"", html);

        var auditorHtml = await (await _auditor.Client.GetAsync("/audit?action=user.created")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/audit/export?action=user.created&amp;format=csv\"", auditorHtml);
        Assert.Contains("href=\"/audit/verify\"", auditorHtml);
    }

    private async Task<string> UserIdAsync(string role)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        return (await users.FindByEmailAsync(TestUsers.EmailFor(role)))!.Id;
    }

    private static string AuditFormat(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff") + " UTC";

    private sealed record LogPage(IReadOnlyList<long> Seqs, string? Newer, string? Older, string Html);

    private async Task<LogPage> PageAsync(string url)
    {
        var response = await _auditor.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var seqs = RowPattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value)).ToList();
        string? Link(string id) => LinkPattern().Matches(html).Where(m => m.Groups[2].Value == id)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).SingleOrDefault();
        return new LogPage(seqs, Link("newer"), Link("older"), html);
    }

    private static List<(string Class, string Text)> Lines(string html, string side)
    {
        var block = Regex.Match(html, $"<pre class=\"audit-json\" data-testid=\"{side}\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(block.Success, $"no {side} block");
        return SpanPattern().Matches(block.Groups[1].Value).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
    }

    [GeneratedRegex("data-testid=\"audit-row\" data-seq=\"(\\d+)\"")]
    private static partial Regex RowPattern();

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"(newer|older)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<span class=\"([^\"]+)\">(.*?)</span>")]
    private static partial Regex SpanPattern();
}
