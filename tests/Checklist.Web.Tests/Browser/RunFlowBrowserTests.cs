using System.Text.RegularExpressions;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Checklist.Web.Tests.Runs;
using Microsoft.Playwright;

namespace Checklist.Web.Tests.Browser;

/// <summary>The app with the small test checklist, and three people: two release managers and an engineer.</summary>
public sealed class RunFlowBrowserApp() : BrowserApp(new Dictionary<string, string?> { ["Checklist:Templates:Directory"] = RunsTestApp.TemplateDirectory })
{
    public const string Rita = "rita@test.local";
    public const string Rob = "rob@test.local";
    public const string Erin = "erin@test.local";
}

/// <summary>
/// A release from start to go in a real browser: a release manager opens the run, an engineer attaches a file
/// and a link and signs off, a waiver is refused to its own requester and approved by the other release manager,
/// the gate turns go, and the go decision freezes the runbook.
/// </summary>
public sealed class RunFlowBrowserTests(RunFlowBrowserApp app) : IClassFixture<RunFlowBrowserApp>
{
    public const string ScreenshotPath = "/tmp/checklist-run-page.png";
    public const string WorkingScreenshotPath = "/tmp/checklist-run-page-working.png";

    [Fact]
    public async Task ReleaseRun_FromCreationToGo_InTheBrowser()
    {
        await TestUsers.CreateAsync(app.Factory.Services, RunFlowBrowserApp.Rita, Roles.ReleaseManager);
        await TestUsers.CreateAsync(app.Factory.Services, RunFlowBrowserApp.Rob, Roles.ReleaseManager);
        await TestUsers.CreateAsync(app.Factory.Services, RunFlowBrowserApp.Erin, Roles.Engineer);
        var errors = new List<string>();
        var rita = await SignInAsync(await app.OpenBrowserAsync(), RunFlowBrowserApp.Rita, errors);
        var erin = await SignInAsync(await app.OpenBrowserAsync(), RunFlowBrowserApp.Erin, errors);
        var rob = await SignInAsync(await app.OpenBrowserAsync(), RunFlowBrowserApp.Rob, errors);

        // Rita opens the run.
        await rita.GotoAsync("/runs/new");
        await rita.GetByLabel("Checklist template", new() { Exact = true }).SelectOptionAsync(RunsTestApp.Template);
        await rita.GetByLabel("Service", new() { Exact = true }).FillAsync("shop");
        await rita.GetByLabel("Version", new() { Exact = true }).FillAsync("1.4.0");
        await rita.GetByLabel("Environment", new() { Exact = true }).FillAsync("production");
        await rita.GetByLabel("Namespace", new() { Exact = true }).FillAsync("shop");
        await rita.GetByLabel("Planned go-live (UTC)", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(4).ToString("yyyy-MM-ddT10:00"));
        await Assertions.Expect(rita.GetByLabel("Helm chart", new() { Exact = true })).ToBeHiddenAsync(); // runs.js shows only the chosen method's fields
        await rita.GetByLabel("Deploy method", new() { Exact = true }).SelectOptionAsync("helm");
        await rita.GetByLabel("Helm release or GitOps application", new() { Exact = true }).FillAsync("shop");
        await rita.GetByLabel("Helm chart", new() { Exact = true }).FillAsync("oci://registry.example.com/charts/shop");
        await rita.GetByRole(AriaRole.Button, new() { Name = "Create run" }).ClickAsync();
        await Assertions.Expect(rita.GetByTestId("run-message")).ToHaveTextAsync("Run created with 5 items from release-basics.");
        await Assertions.Expect(rita.GetByTestId("gate-decision")).ToHaveTextAsync("NO-GO");
        var runUrl = new Uri(rita.Url).AbsolutePath;

        // Rita assigns the restore drill to Erin and adds her note to it.
        var ritaRestore = rita.Locator("#item-restore-drill");
        await ritaRestore.GetByLabel("Assignee", new() { Exact = true }).FillAsync(RunFlowBrowserApp.Erin);
        await ritaRestore.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(rita.Locator("#item-restore-drill [data-testid=item-message]")).ToHaveTextAsync($"Assigned to {RunFlowBrowserApp.Erin}.");
        await rita.Locator("#item-restore-drill [data-testid=add-note] textarea").FillAsync("Restore reviewed in the **drill** meeting.");
        await rita.Locator("#item-restore-drill [data-testid=add-note] button").ClickAsync();
        await Assertions.Expect(rita.Locator("#item-restore-drill .evidence-note strong")).ToHaveTextAsync("drill");

        // Erin finds it under her items, attaches the restore log and a link, and signs the drill off.
        await erin.GotoAsync("/runs/my-items");
        await erin.GetByRole(AriaRole.Link, new() { Name = "A restore from backup has been rehearsed" }).ClickAsync();
        await Assertions.Expect(erin).ToHaveURLAsync(new Regex("#item-restore-drill$"));
        var log = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(log, "restore of 12 tables finished in 4 minutes\n");
        await erin.Locator("#item-restore-drill [data-testid=add-file] input[type=file]").SetInputFilesAsync(log);
        await erin.Locator("#item-restore-drill [data-testid=add-file] button").ClickAsync();
        await Assertions.Expect(erin.Locator("#item-restore-drill [data-testid=item-message]")).ToContainTextAsync($"Attached {Path.GetFileName(log)}");
        await Assertions.Expect(erin.Locator("#item-restore-drill [data-testid=evidence-sha]")).ToHaveTextAsync(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(log))));
        await erin.Locator("#item-rollback-plan [data-testid=add-link] input[name=Url]").FillAsync("https://wiki.example.com/shop/rollback");
        await erin.Locator("#item-rollback-plan [data-testid=add-link] input[name=Text]").FillAsync("Rollback procedure");
        await erin.Locator("#item-rollback-plan [data-testid=add-link] button").ClickAsync();
        await Assertions.Expect(erin.Locator("#item-rollback-plan").GetByRole(AriaRole.Link, new() { Name = "Rollback procedure" })).ToBeVisibleAsync();
        await erin.Locator("#item-restore-drill [data-testid=sign-off] input[name=Comment]").FillAsync("log and tables checked");
        await erin.Locator("#item-restore-drill [data-testid=sign-off] button").ClickAsync();
        await Assertions.Expect(erin.Locator("#item-restore-drill [data-testid=item-state]")).ToHaveTextAsync("signed off");
        await erin.Locator("#item-liveness-probe [data-testid=not-applicable] input[name=Reason]").FillAsync("a batch job: no long-running process to probe");
        await erin.Locator("#item-liveness-probe [data-testid=not-applicable] button").ClickAsync();
        await Assertions.Expect(erin.Locator("#item-liveness-probe [data-testid=item-state]")).ToHaveTextAsync("not applicable");
        await erin.ScreenshotAsync(new PageScreenshotOptions { Path = WorkingScreenshotPath, FullPage = true });

        // Rita signs the rollback plan off and asks to waive the load test; approving her own request is refused.
        await rita.GotoAsync(runUrl);
        await rita.Locator("#item-rollback-plan [data-testid=sign-off] button").ClickAsync();
        await Assertions.Expect(rita.Locator("#item-rollback-plan [data-testid=item-state]")).ToHaveTextAsync("signed off");
        await rita.Locator("#item-load-test [data-testid=request-waiver] input[name=Justification]").FillAsync("load test after the holiday freeze");
        await rita.Locator("#item-load-test [data-testid=request-waiver] button").ClickAsync();
        await Assertions.Expect(rita.Locator("#item-load-test [data-testid=waiver]")).ToContainTextAsync("requested: load test after the holiday freeze");
        await Assertions.Expect(rita.GetByTestId("blocking")).ToContainTextAsync("waiver requested by rita@test.local but not approved");
        await rita.Locator("#item-load-test").GetByRole(AriaRole.Button, new() { Name = "Approve waiver" }).ClickAsync();
        await Assertions.Expect(rita.Locator("#item-load-test [data-testid=item-message]")).ToHaveTextAsync(
            "Four-eyes: a waiver is approved or rejected by someone other than its requester; rita@test.local requested this one");
        await Assertions.Expect(rita.GetByTestId("gate-decision")).ToHaveTextAsync("NO-GO");

        // Rob approves it: the gate turns go.
        await rob.GotoAsync(runUrl);
        await Assertions.Expect(rob.GetByTestId("gate-decision")).ToHaveTextAsync("NO-GO");
        await rob.Locator("#item-load-test [data-testid=decide-waiver] input[name=Comment]").FillAsync("risk accepted for two weeks");
        await rob.Locator("#item-load-test").GetByRole(AriaRole.Button, new() { Name = "Approve waiver" }).ClickAsync();
        await Assertions.Expect(rob.Locator("#item-load-test [data-testid=item-state]")).ToHaveTextAsync("waived");
        await Assertions.Expect(rob.GetByTestId("gate-decision")).ToHaveTextAsync("GO");
        await Assertions.Expect(rob.GetByTestId("waived")).ToContainTextAsync("load test after the holiday freeze");
        await Assertions.Expect(rob.GetByTestId("progress")).ToHaveAttributeAsync("value", "4");

        // Rita created the run, so in production the go is Rob's to record.
        await rita.GotoAsync(runUrl);
        await rita.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(rita.GetByTestId("run-message")).ToContainTextAsync("Four-eyes: in production the go-live decision is by a release manager other than the run's creator");
        await rob.GotoAsync(runUrl);
        await rob.GetByLabel("Decision comment", new() { Exact = true }).FillAsync("All green; go in the Tuesday window.");
        await rob.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(rob.GetByTestId("run-message")).ToContainTextAsync("GO recorded; the runbook is frozen");
        await Assertions.Expect(rob.GetByTestId("run-state")).ToHaveTextAsync("decided");
        await Assertions.Expect(rob.GetByTestId("runbook-frozen")).ToContainTextAsync("Frozen at the go decision");
        await rob.Locator("#runbook summary").ClickAsync();
        await Assertions.Expect(rob.Locator(".runbook-html")).ToContainTextAsync("helm upgrade --install shop oci://registry.example.com/charts/shop");
        await Assertions.Expect(rob.Locator(".runbook-html")).ToContainTextAsync("GO, recorded by rob@test.local");

        await rob.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });
        var download = await rob.RunAndWaitForDownloadAsync(() => rob.GetByTestId("runbook-download").ClickAsync());
        Assert.StartsWith("runbook-shop-1.4.0", download.SuggestedFilename);
        Assert.Empty(errors); // no CSP violation or script error anywhere on the way
        File.Delete(log);
    }

    private static async Task<IPage> SignInAsync(IBrowserContext browser, string email, List<string> errors)
    {
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{email}: {message.Text}"); };
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        return page;
    }
}
