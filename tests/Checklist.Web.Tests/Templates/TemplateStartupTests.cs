using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Checklist.Core.Checklists;
using Checklist.Web.Operations;
using Checklist.Web.Templates;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Checklist.Web.Tests.Templates;

public sealed class TemplateStartupTests
{
    [Fact]
    public async Task Start_InvalidTemplate_ExitsWithCodeOneAndEveryPositionedError()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("broken"));
        var directory = workspace.TemplateDirectory;
        var expected = TemplateLoader.LoadDirectory(directory).Errors;
        Assert.Equal(3, expected.Count); // the fixture's three mistakes, so the assertions below mean something

        var (exitCode, stderr) = await RunAppAsync(directory);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Checklist cannot start: the checklist templates in ", stderr);
        var file = Path.Combine(directory, "broken-template.yaml");
        Assert.Contains($"{file}:11:12: item 'replicas': unknown probe 'replica-count'", stderr);
        Assert.Contains($"{file}:17:5: item 'runbook': unknown field 'requird' (did you mean 'required'?)", stderr);
        foreach (var error in expected) Assert.Contains(error.ToString(), stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    [Fact]
    public async Task Start_MissingTemplateDirectory_ExitsWithCodeOneAndNamesTheSetting()
    {
        var directory = Path.Combine(Path.GetTempPath(), "checklist-tests", "no-such-folder-" + Guid.NewGuid().ToString("N"));

        var (exitCode, stderr) = await RunAppAsync(directory);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{directory}: template directory not found", stderr);
        Assert.Contains("Checklist__Templates__Directory", stderr);
    }

    [Fact]
    public async Task LoadAsync_InvalidTemplate_ThrowsStartupExceptionListingEveryError()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("broken"));
        var directory = workspace.TemplateDirectory;
        // Validation happens before any database work, so no database is needed to see it fail.
        var service = new TemplateCatalogService(new TemplateOptions(directory),
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            TimeProvider.System, NullLogger<TemplateCatalogService>.Instance);

        var error = await Assert.ThrowsAsync<StartupException>(() => service.LoadAsync(CancellationToken.None));

        Assert.Contains("have 3 errors", error.Message);
        Assert.Contains($"checklist templates validate {directory}", error.Message);
        foreach (var e in TemplateLoader.LoadDirectory(directory).Errors) Assert.Contains(e.ToString(), error.Message);
        Assert.False(service.IsLoaded);
        Assert.Throws<InvalidOperationException>(() => service.Current("broken-template"));
    }

    [Fact]
    public async Task Ready_TemplatesLoaded_ReportsThemHealthy()
    {
        using var factory = new ChecklistAppFactory();
        var response = await factory.CreateClient().GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var templates = body.GetProperty("checks").GetProperty("templates");
        Assert.Equal("Healthy", templates.GetProperty("status").GetString());
        var description = templates.GetProperty("description").GetString()!;
        Assert.StartsWith($"{TemplateFixtures.RepositoryCatalog.Templates.Count} templates loaded", description);
        foreach (var template in TemplateFixtures.RepositoryCatalog.Templates) Assert.Contains(template.Id, description);
    }

    [Fact]
    public void Directory_NotConfigured_IsTheSourceTreesChecklistsFolder()
    {
        using var factory = new ChecklistAppFactory();
        var service = factory.Services.GetRequiredService<TemplateCatalogService>();

        Assert.Equal(TemplateFixtures.RepositoryDirectory, service.Directory);
        Assert.Equal(TemplateFixtures.RepositoryCatalog.Templates.Select(t => t.ContentHash), service.Templates.Select(t => t.ContentHash));
    }

    /// <summary>
    /// Runs the built app as its own process, as an operator would, so the exit code and what reaches stderr are
    /// the real ones (in process, the test host would see neither).
    /// </summary>
    private static async Task<(int ExitCode, string Stderr)> RunAppAsync(string templateDirectory)
    {
        var work = Path.Combine(Path.GetTempPath(), "checklist-tests", "process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Checklist.Web.dll")])
        {
            WorkingDirectory = work,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Checklist"] = $"Data Source={Path.Combine(work, "checklist.db")}";
        start.Environment["Checklist__Database__Provider"] = "Sqlite";
        start.Environment["Checklist__Templates__Directory"] = templateDirectory;
        start.Environment["CHECKLIST_ADMIN_EMAIL"] = ChecklistAppFactory.AdminEmail;
        start.Environment["CHECKLIST_ADMIN_PASSWORD"] = ChecklistAppFactory.AdminPassword;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The app did not exit within 90 s although its templates are invalid. Output: {await stdout}");
        }
        await stdout;
        try { Directory.Delete(work, recursive: true); } catch (IOException) { } // best effort: a temp folder
        return (process.ExitCode, await stderr);
    }
}
