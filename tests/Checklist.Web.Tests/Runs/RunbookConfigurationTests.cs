using System.Net;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Runs;

/// <summary>Where runbook templates come from (shipped, overridden) and what each service's settings add to its runbooks.</summary>
public sealed class RunbookConfigurationTests : IDisposable
{
    private readonly string _overrides = Directory.CreateTempSubdirectory("checklist-runbook-overrides-").FullName;

    [Fact]
    public async Task OverrideDirectory_FileOfTheSameName_ReplacesTheShippedSection()
    {
        await File.WriteAllTextAsync(Path.Combine(_overrides, "contacts.hbs"), "## Contacts\n\nPage the {{Release.Service}} on-call rota first.\n");
        using var app = await RunsTestApp.StartAsync(settings: new Dictionary<string, string?> { ["Checklist:Runbooks:OverrideDirectory"] = _overrides });
        var id = await app.CreateRunAsync();
        var markdown = await (await app.ApiAsync(RunsTestApp.Eng1)).GetStringAsync($"/api/v1/runs/{id}/runbook.md");
        Assert.Contains("## Contacts\n\nPage the shop on-call rota first.", markdown);
        Assert.DoesNotContain("| Name | Role | Email | Phone |", markdown);
        Assert.Contains("## Rollback", markdown); // the other sections are the shipped ones
    }

    [Fact]
    public async Task ServiceSettings_ContactsEscalationAndSmokeTestPath_AppearInTheRunbook()
    {
        using var app = await RunsTestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Checklist:Runbooks:Services:shop:Contacts:0:Name"] = "Dana Reyes",
            ["Checklist:Runbooks:Services:shop:Contacts:0:Role"] = "Service owner",
            ["Checklist:Runbooks:Services:shop:Contacts:0:Phone"] = "+49 30 1234",
            ["Checklist:Runbooks:Services:shop:Escalation:0:Level"] = "1",
            ["Checklist:Runbooks:Services:shop:Escalation:0:Who"] = "Platform on-call",
            ["Checklist:Runbooks:Services:shop:Escalation:0:Reach"] = "pager: platform",
            ["Checklist:Runbooks:Services:shop:Monitoring:0:Title"] = "Shop dashboard",
            ["Checklist:Runbooks:Services:shop:Monitoring:0:Url"] = "https://grafana.example.com/d/shop",
        });
        var id = await app.CreateRunAsync();
        var markdown = await (await app.ApiAsync(RunsTestApp.Eng1)).GetStringAsync($"/api/v1/runs/{id}/runbook.md");
        var contacts = markdown[markdown.IndexOf("## Contacts", StringComparison.Ordinal)..];
        Assert.True(contacts.Contains("| Dana Reyes | Service owner | not recorded | \\+49 30 1234 |"), contacts[..Math.Min(1200, contacts.Length)]);
        Assert.True(contacts.Contains("Run owner"), contacts[..Math.Min(1200, contacts.Length)]);
        Assert.Contains("- Level 1: Platform on-call, pager: platform", markdown);
        Assert.Contains("https://grafana.example.com/d/shop", markdown);
        Assert.Contains("helm upgrade --install shop oci://registry.example.com/charts/shop --version 1.4.0 -n shop", markdown);
    }

    [Fact]
    public async Task Start_BrokenRunbookTemplate_ExitsNonZeroNamingTheFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_overrides, "contacts.hbs"), "## Contacts\n\n{{#if Contacts}}\nnever closed\n");
        using var app = AppProcess.Start(new Dictionary<string, string?> { ["Checklist__Runbooks__OverrideDirectory"] = _overrides });
        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Checklist cannot start: the runbook templates cannot be loaded", app.Stderr);
        Assert.True(app.Stderr.Contains(Path.Combine(_overrides, "contacts.hbs") + ":"), app.Stderr);
        Assert.DoesNotContain("   at ", app.Stderr + app.Stdout);
    }

    public void Dispose()
    {
        try { Directory.Delete(_overrides, recursive: true); } catch (IOException) { } // a temp folder
    }
}
