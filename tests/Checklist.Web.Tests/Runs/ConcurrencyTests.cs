using System.Net;
using System.Text.RegularExpressions;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Runs;

/// <summary>Two people acting on the same item at once: one wins, the other is told to reload, and nothing is lost or overwritten.</summary>
public sealed partial class ConcurrencyTests
{
    private const string Conflict = "Concurrent change: someone else changed this item; reload and try again";

    [Fact]
    public async Task StalePage_SecondPost_IsRefusedAsAConflictAndTheFirstChangeStands()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var page = $"/runs/{id}";
        var erin = await app.SignInAsync(RunsTestApp.Eng1);
        var eli = await app.SignInAsync(RunsTestApp.Eng2);
        var (erinVersion, erinToken) = await LoadAsync(erin, page, "load-test");
        var (eliVersion, eliToken) = await LoadAsync(eli, page, "load-test");
        Assert.Equal(erinVersion, eliVersion);

        await PostAsync(erin, $"{page}/items/load-test/evidence", erinToken, [new("Kind", "note"), new("Text", "p95 180 ms at peak"), new("Version", erinVersion)]);
        await PostAsync(eli, $"{page}/items/load-test/evidence", eliToken, [new("Kind", "note"), new("Text", "p95 190 ms at peak"), new("Version", eliVersion)]);

        Assert.Contains("Added the note.", ItemMessage(await erin.Client.GetStringAsync(page), "load-test"));
        var eliPage = await eli.Client.GetStringAsync(page);
        Assert.Equal(Conflict, ItemMessage(eliPage, "load-test"));
        Assert.Contains("p95 180 ms at peak", eliPage); // after reloading, Eli sees what Erin added

        var (reloaded, token) = await LoadAsync(eli, page, "load-test");
        await PostAsync(eli, $"{page}/items/load-test/evidence", token, [new("Kind", "note"), new("Text", "p95 190 ms at peak"), new("Version", reloaded)]);
        Assert.Contains("Added the note.", ItemMessage(await eli.Client.GetStringAsync(page), "load-test"));

        var run = await LoadRunAsync(app, id);
        Assert.Equal(["p95 180 ms at peak", "p95 190 ms at peak"], run.Item("load-test").Evidence.Select(e => e.Text));
        Assert.Equal(2, run.Item("load-test").History.Count);
        Assert.Equal(2, await AuditCountAsync(app, id, "evidence.added"));
    }

    [Theory, MemberData(nameof(RunsTestApp.Providers), MemberType = typeof(RunsTestApp))]
    public async Task SimultaneousPosts_OneWins_TheOtherGetsAConflict(string provider)
    {
        using var app = await RunsTestApp.StartAsync(provider);
        var id = await app.CreateRunAsync();
        var page = $"/runs/{id}";
        var erin = await app.SignInAsync(RunsTestApp.Eng1);
        var eli = await app.SignInAsync(RunsTestApp.Eng2);
        var (erinVersion, erinToken) = await LoadAsync(erin, page, "liveness-probe");
        var (eliVersion, eliToken) = await LoadAsync(eli, page, "liveness-probe");

        // Both act on what they saw at the same moment: Erin marks the item not applicable, Eli asks for a waiver.
        await Task.WhenAll(
            PostAsync(erin, $"{page}/items/liveness-probe/not-applicable", erinToken, [new("Reason", "no long-running process"), new("Version", erinVersion)]),
            PostAsync(eli, $"{page}/items/liveness-probe/waiver", eliToken,
                [new("Justification", "probe arrives next release"), new("ExpiresAt", DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-ddTHH:mm")), new("Version", eliVersion)]));

        var messages = new[] { ItemMessage(await erin.Client.GetStringAsync(page), "liveness-probe"), ItemMessage(await eli.Client.GetStringAsync(page), "liveness-probe") };
        Assert.Single(messages, m => m == Conflict);
        Assert.Single(messages, m => m != Conflict && !m.Contains("Concurrent"));

        var item = (await LoadRunAsync(app, id)).Item("liveness-probe");
        var winner = Assert.Single(item.History);
        if (messages[0] == Conflict)
        {
            Assert.Equal(ItemAction.WaiverRequested, winner.Action);
            Assert.Equal(WaiverStatus.Requested, Assert.Single(item.Waivers).Status);
        }
        else
        {
            Assert.Equal(ItemAction.MarkedNotApplicable, winner.Action);
            Assert.Equal(RunItemState.NotApplicable, item.State);
            Assert.Empty(item.Waivers);
        }
        Assert.Equal(1, await AuditCountAsync(app, id, "item.not-applicable") + await AuditCountAsync(app, id, "waiver.requested"));
    }

    [Fact]
    public async Task Api_StaleIfMatch_Returns409()
    {
        using var app = await RunsTestApp.StartAsync();
        var id = await app.CreateRunAsync();
        var eng = await app.ApiAsync(RunsTestApp.Eng1);
        var version = (await eng.GetJsonAsync($"/api/v1/runs/{id}")).Item("load-test").GetProperty("rowVersion").GetInt32();
        await eng.PostJsonAsync($"/api/v1/runs/{id}/items/load-test/evidence", new { kind = "note", text = "first" }).ExpectAsync(HttpStatusCode.Created);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/runs/{id}/items/load-test/not-applicable")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { reason = "on a page from before" }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var conflict = await eng.SendAsync(stale).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(Conflict, conflict.Str("detail"));
        Assert.Equal("Someone else changed this run", conflict.Str("title"));
        Assert.Equal("pending", (await eng.GetJsonAsync($"/api/v1/runs/{id}")).Item("load-test").Str("state"));
    }

    private static async Task<(string Version, string Token)> LoadAsync(BrowserSession session, string page, string itemId)
    {
        var html = await session.Client.GetStringAsync(page);
        var item = html[html.IndexOf($"id=\"item-{itemId}\"", StringComparison.Ordinal)..];
        return (VersionField().Match(item).Groups[1].Value, System.Net.WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value));
    }

    private static async Task PostAsync(BrowserSession session, string action, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await session.Client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string ItemMessage(string html, string itemId)
    {
        var start = html.IndexOf($"id=\"item-{itemId}\"", StringComparison.Ordinal);
        var item = html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
        var match = MessageField().Match(item);
        Assert.True(match.Success, $"item {itemId} shows no message");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<Run> LoadRunAsync(RunsTestApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().Runs.AsNoTracking()
            .Include(r => r.Items).ThenInclude(i => i.Evidence.OrderBy(e => e.AddedAt))
            .Include(r => r.Items).ThenInclude(i => i.Waivers)
            .Include(r => r.Items).ThenInclude(i => i.History)
            .AsSplitQuery().SingleAsync(r => r.Id == id);
    }

    private static async Task<int> AuditCountAsync(RunsTestApp app, Guid runId, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents.CountAsync(e => e.RunId == runId && e.Action == action);
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("data-testid=\"item-message\">([^<]*)<")]
    private static partial Regex MessageField();
}
