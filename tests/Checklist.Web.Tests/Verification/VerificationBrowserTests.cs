using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Tests.Browser;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Checklist.Web.Tests.Verification;

/// <summary>The run page's Verify now button and its polling script (verification.js) in Chromium, under the app's CSP.</summary>
public sealed class VerificationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task VerifyNow_PollsUntilDoneAndShowsTheFindings()
    {
        await using var cluster = new LiveCluster();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.Add(SampleObjects.Deployment("shop", "web", "web"));
        cluster.Server.Delay("/apis/apps/v1/namespaces/shop/deployments", TimeSpan.FromSeconds(3)); // the page shows progress first
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        var runId = await CreateRunAsync(api, cluster);

        var page = await app.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(ChecklistAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ChecklistAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"/runs/{runId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

        var panel = page.GetByTestId("verification");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(queued|running)$"));
        await Assertions.Expect(page.Locator("[data-testid=verification] progress")).ToBeVisibleAsync();
        // Only the script brings the page from running to done: it polls the panel and reloads when finished.
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
        await Assertions.Expect(panel).ToContainTextAsync("Deployment/shop/web");
        await Assertions.Expect(panel).ToContainTextAsync("Kubernetes v1.31.2");
        Assert.Empty(problems); // no script error and no CSP violation
    }

    private static async Task<Guid> CreateRunAsync(HttpClient api, LiveCluster cluster)
    {
        var registered = await api.PostAsJsonAsync("/api/v1/clusters", new
        {
            name = $"browser-{Guid.NewGuid():N}"[..16], server = cluster.Server.Address.ToString(), caData = cluster.Pki.AuthorityPem, token = LiveCluster.Token,
        });
        registered.EnsureSuccessStatusCode();
        var clusterId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await api.PostAsJsonAsync("/api/v1/runs", new
        {
            templateId = "kubernetes-production-readiness", service = "shop", version = "1.4.2", environment = "staging", clusterId, @namespace = "shop",
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
