using System.Net;
using System.Text.RegularExpressions;
using Checklist.Core.Runs;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using static Checklist.Web.Tests.Verification.VerificationTestApp;

namespace Checklist.Web.Tests.Verification;

/// <summary>The verification panel on the run page: the Verify now button, progress, and the findings of the newest verification.</summary>
public sealed partial class VerificationPageTests(SharedVerificationApp shared) : IClassFixture<SharedVerificationApp>
{
    private static readonly RunItemDefinition[] Items =
    [
        ProbeItem("replicas", "replicas-min", """{"min":1}"""),
        ProbeItem("liveness", "liveness-probe"),
    ];

    private VerificationTestApp App => shared.App;

    [Fact]
    public async Task VerifyNow_AsEngineer_QueuesAndThePanelShowsFindings()
    {
        var runId = await App.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        (await App.UploadManifestsAsync(runId, ManifestVerificationTests.Manifests)).EnsureSuccessStatusCode();
        var engineer = await SignInAsync(Roles.Engineer);

        var page = await engineer.Client.GetStringAsync($"/runs/{runId}");
        Assert.Contains("data-testid=\"verification-none\"", page);
        Assert.Contains("Manifests: manifests.yaml, 2 objects", page);
        Assert.Contains($"action=\"/runs/{runId}/verify\"", page);
        Assert.Matches("<script src=\"/js/verification.js\\?v=[^\"]+\" defer></script>", page);

        var posted = await engineer.PostFormAsync($"/runs/{runId}", $"/runs/{runId}/verify", []);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/runs/{runId}#verification", posted.Headers.Location?.OriginalString);
        Assert.Contains("Verification queued", await engineer.Client.GetStringAsync($"/runs/{runId}"));

        var panel = await WaitForPanelAsync(engineer, runId);
        Assert.Equal("succeeded", Status(panel));
        Assert.Contains("1 passed, 1 failed", panel);
        var worker = panel.Split("data-testid=\"finding\"").Single(row => row.Contains("Deployment/shop/worker") && row.Contains("<td>failed</td>"));
        Assert.Contains("(manifests.yaml:17)", worker);
        Assert.Contains("<td>worker</td>", worker);
        Assert.Contains("requested by engineer@test.local", panel);

        // The run page itself shows the finished verification.
        page = await engineer.Client.GetStringAsync($"/runs/{runId}");
        Assert.Contains("data-testid=\"verification\" data-status=\"succeeded\"", page);
    }

    [Fact]
    public async Task Panel_AsAuditor_ShowsResultsWithoutTheButton()
    {
        var runId = await App.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        (await App.UploadManifestsAsync(runId, ManifestVerificationTests.Manifests)).EnsureSuccessStatusCode();
        await App.VerifyAndWaitAsync(runId);
        var auditor = await SignInAsync(Roles.Auditor);

        var page = await auditor.Client.GetStringAsync($"/runs/{runId}");

        Assert.Contains("data-testid=\"verification\"", page);
        Assert.DoesNotContain("data-testid=\"verify-form\"", page);
        Assert.Contains("Deployment/shop/worker", page);
    }

    [Fact]
    public async Task VerifyNow_NothingToVerify_ShowsWhyInThePanel()
    {
        var runId = await App.CreateRunAsync(RunTarget.Manifests("shop"), Items);
        var engineer = await SignInAsync(Roles.Engineer);
        var page = await engineer.Client.GetStringAsync($"/runs/{runId}");
        Assert.DoesNotContain("data-testid=\"verify-form\"", page); // no cluster and no manifests: no button
        Assert.Contains($"PUT /api/v1/runs/{runId}/manifests", page);

        var posted = await engineer.PostFormAsync($"/runs/{runId}", $"/runs/{runId}/verify", []);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var message = VerificationMessage().Match(await engineer.Client.GetStringAsync($"/runs/{runId}"));
        Assert.True(message.Success);
        Assert.Contains("has no manifests yet; upload them first", message.Groups[1].Value);
    }

    [Fact]
    public async Task Refresh_UnknownRun_404()
    {
        var engineer = await SignInAsync(Roles.Engineer);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.Client.GetAsync($"/runs/{Guid.NewGuid()}/verification")).StatusCode);
    }

    [Fact]
    public async Task Script_IsServedFromWwwroot()
    {
        var response = await App.Factory.CreateClient().GetAsync("/js/verification.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-refresh", await response.Content.ReadAsStringAsync());
    }

    private async Task<BrowserSession> SignInAsync(string role)
    {
        var session = new BrowserSession(App.Factory.CreateNoRedirectClient());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(TestUsers.EmailFor(role), TestUsers.Password)).StatusCode);
        return session;
    }

    /// <summary>Fetches the panel as verification.js does until it is neither queued nor running.</summary>
    private static async Task<string> WaitForPanelAsync(BrowserSession session, Guid runId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var panel = await session.Client.GetStringAsync($"/runs/{runId}/verification");
            if (Status(panel) is not ("queued" or "running" or "none")) return panel;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The verification of run {runId} did not finish.");
            await Task.Delay(100);
        }
    }

    private static string Status(string panel) => PanelStatus().Match(panel).Groups[1].Value;

    [GeneratedRegex("data-testid=\"verification\" data-status=\"([a-z]+)\"")]
    private static partial Regex PanelStatus();

    [GeneratedRegex("data-testid=\"verification-message\">([^<]*)<")]
    private static partial Regex VerificationMessage();
}
