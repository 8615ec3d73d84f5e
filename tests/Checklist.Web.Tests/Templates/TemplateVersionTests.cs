using System.Net;
using System.Text.Encodings.Web;
using Checklist.Web.Data;
using Checklist.Web.Templates;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Templates;

public sealed class TemplateVersionTests
{
    private const string Production = "kubernetes-production-readiness";
    private const string PreProduction = "pre-production";

    [Fact]
    public async Task Restart_ChangedFile_RecordsNewVersionAndKeepsTheOld()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.RepositoryDirectory);
        string oldProduction, oldPreProduction;
        using (var first = workspace.App())
        {
            var service = first.Services.GetRequiredService<TemplateCatalogService>();
            oldProduction = service.Current(Production)!.ContentHash;
            oldPreProduction = service.Current(PreProduction)!.ContentHash;
            var rows = await RowsAsync(first.Services);
            Assert.Equal(new[] { oldProduction, oldPreProduction }.Order(), rows.Select(r => r.ContentHash).Order());
        }

        var file = workspace.PathOf(Production);
        var text = await File.ReadAllTextAsync(file);
        const string before = "title: The service follows twelve-factor principles";
        Assert.Contains(before, text);
        await File.WriteAllTextAsync(file, text.Replace(before, "title: The service follows the twelve-factor principles"));

        using var second = workspace.App();
        var catalog = second.Services.GetRequiredService<TemplateCatalogService>();
        var newProduction = catalog.Current(Production)!;
        Assert.NotEqual(oldProduction, newProduction.ContentHash);
        // The derived template did not change on disk, but what it contains did: it is a new version too.
        Assert.NotEqual(oldPreProduction, catalog.Current(PreProduction)!.ContentHash);

        var stored = await RowsAsync(second.Services);
        Assert.Equal(4, stored.Count);
        Assert.Equal(2, stored.Count(r => r.TemplateId == Production));
        Assert.Contains(stored, r => r.ContentHash == oldProduction);
        Assert.Contains(stored, r => r.ContentHash == oldPreProduction);
        Assert.Contains(stored, r => r.ContentHash == newProduction.ContentHash && r.ItemCount == newProduction.Template.Items.Count);

        // The old version is still there in full, rebuilt from what was stored.
        var old = await catalog.FindVersionAsync(oldProduction, CancellationToken.None);
        Assert.NotNull(old);
        Assert.Equal(oldProduction, old.ContentHash);
        Assert.Equal("The service follows twelve-factor principles", old.Template.FindItem("twelve-factor-design")!.Title);
        Assert.Equal("The service follows the twelve-factor principles", newProduction.Template.FindItem("twelve-factor-design")!.Title);
        Assert.Same(newProduction, await catalog.FindVersionAsync(newProduction.ContentHash, CancellationToken.None));
    }

    [Fact]
    public async Task Restart_ChangedFileOnPostgres_RecordsNewVersionAndDiffsTheTwo()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("demo-v1"));
        var connectionString = await PostgresServer.CreateDatabaseAsync("templates");
        string oldHash;
        using (var first = workspace.PostgresApp(connectionString))
            oldHash = first.Services.GetRequiredService<TemplateCatalogService>().Current("demo")!.ContentHash;
        workspace.ReplaceWith(TemplateFixtures.Fixture("demo-v2"));

        using var second = workspace.PostgresApp(connectionString);
        var catalog = second.Services.GetRequiredService<TemplateCatalogService>();
        var newHash = catalog.Current("demo")!.ContentHash;
        Assert.Equal(new[] { oldHash, newHash }.Order(), (await RowsAsync(second.Services)).Select(r => r.ContentHash).Order());
        Assert.NotNull(catalog.Current("demo")!.Template.FindItem("readiness-probes"));
        Assert.NotNull((await catalog.FindVersionAsync(oldHash, CancellationToken.None))!.Template.FindItem("restore-drill"));

        var client = second.CreateNoRedirectClient();
        await new BrowserSession(client).SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var versions = await client.GetStringAsync("/templates/demo/versions");
        Assert.True(versions.IndexOf(newHash, StringComparison.Ordinal) < versions.IndexOf(oldHash, StringComparison.Ordinal), "newest first");
        var diff = await client.GetAsync($"/templates/demo/diff?from={oldHash[..10]}&to={newHash[..10]}");
        var html = await diff.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Contains("data-diff=\"added\" data-item-id=\"readiness-probes\"", html);
        Assert.Contains("data-diff=\"removed\" data-item-id=\"restore-drill\"", html);
    }

    [Fact]
    public async Task Restart_TemplateFileRemoved_KeepsItsVersionsReachable()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("demo-v1"));
        File.Copy(workspace.PathOf("demo"), workspace.PathOf("retired"));
        using (var first = workspace.App())
            Assert.NotNull(first.Services.GetRequiredService<TemplateCatalogService>().Current("retired"));
        File.Delete(workspace.PathOf("retired"));

        using var second = workspace.App();
        Assert.Null(second.Services.GetRequiredService<TemplateCatalogService>().Current("retired"));
        var client = second.CreateNoRedirectClient();
        await new BrowserSession(client).SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);

        var index = await client.GetStringAsync("/templates");
        Assert.Contains("<li><code>retired</code> — <a href=\"/templates/retired/versions\">1 version</a></li>", index);
        Assert.DoesNotContain("data-template-id=\"retired\"", index);
        var details = await client.GetAsync("/templates/retired");
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Contains("data-testid=\"removed-template\"", await details.Content.ReadAsStringAsync());
        var versions = await client.GetAsync("/templates/retired/versions");
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        Assert.Contains("no longer in the template folder", await versions.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restart_OnlyFormattingChanged_RecordsNothing()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.RepositoryDirectory);
        using (var first = workspace.App())
            Assert.Equal(2, (await RowsAsync(first.Services)).Count);

        var file = workspace.PathOf(PreProduction);
        await File.WriteAllTextAsync(file, "# a comment is not content\n" + await File.ReadAllTextAsync(file));

        using var second = workspace.App();
        var rows = await RowsAsync(second.Services);
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            second.Services.GetRequiredService<TemplateCatalogService>().Templates.Select(t => t.ContentHash).Order(),
            rows.Select(r => r.ContentHash).Order());
    }

    [Fact]
    public async Task Load_NewVersion_StoresCanonicalJsonRawTextAndTitle()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("demo-v1"));
        using var app = workspace.App();
        var current = app.Services.GetRequiredService<TemplateCatalogService>().Current("demo")!;

        var row = Assert.Single(await RowsAsync(app.Services));
        Assert.Equal("demo", row.TemplateId);
        Assert.Equal(current.ContentHash, row.ContentHash);
        Assert.Equal(current.CanonicalJson, row.CanonicalJson);
        Assert.Equal(await File.ReadAllTextAsync(workspace.PathOf("demo")), row.RawText);
        Assert.Equal("Demo readiness", row.Title);
        Assert.Equal(3, row.ItemCount);
        Assert.True(row.FirstLoadedAt > DateTimeOffset.UtcNow.AddMinutes(-5) && row.FirstLoadedAt <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task FindVersionAsync_UnknownHash_IsNull()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("demo-v1"));
        using var app = workspace.App();
        var catalog = app.Services.GetRequiredService<TemplateCatalogService>();

        Assert.Null(await catalog.FindVersionAsync(new string('0', 64), CancellationToken.None));
        Assert.Null(catalog.Current("no-such-template"));
    }

    [Fact]
    public async Task FindVersionAsync_StoredContentAltered_RefusesWithTheReason()
    {
        using var workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("demo-v1"));
        string oldHash;
        using (var first = workspace.App())
            oldHash = first.Services.GetRequiredService<TemplateCatalogService>().Current("demo")!.ContentHash;
        workspace.ReplaceWith(TemplateFixtures.Fixture("demo-v2"));

        using var second = workspace.App();
        await AlterAsync(second.Services, oldHash, json => json.Replace("Enough replicas", "Plenty of replicas"));

        var error = await Assert.ThrowsAsync<StoredTemplateVersionException>(() =>
            second.Services.GetRequiredService<TemplateCatalogService>().FindVersionAsync(oldHash, CancellationToken.None));
        Assert.Contains($"Version {oldHash[..12]} of template 'demo'", error.Message);
        Assert.Contains("different content hash", error.Message);

        // The diff page says the same instead of failing.
        var client = second.CreateNoRedirectClient();
        await new BrowserSession(client).SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var newHash = second.Services.GetRequiredService<TemplateCatalogService>().Current("demo")!.ContentHash;
        var response = await client.GetAsync($"/templates/demo/diff?from={oldHash}&to={newHash}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(HtmlEncoder.Default.Encode(error.Message), await response.Content.ReadAsStringAsync());
    }

    internal static async Task AlterAsync(IServiceProvider services, string hash, Func<string, string> change)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var json = await db.TemplateVersions.Where(v => v.ContentHash == hash).Select(v => v.CanonicalJson).SingleAsync();
        var changed = change(json);
        Assert.NotEqual(json, changed);
        await db.TemplateVersions.Where(v => v.ContentHash == hash).ExecuteUpdateAsync(s => s.SetProperty(v => v.CanonicalJson, changed));
    }

    private static async Task<List<TemplateVersionRecord>> RowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().TemplateVersions.AsNoTracking().ToListAsync();
    }
}
