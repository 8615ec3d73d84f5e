using System.Net;
using System.Text.Encodings.Web;
using Checklist.Web.Security;
using Checklist.Web.Templates;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Templates;

/// <summary>
/// The demo template loaded twice on one database (Fixtures/demo-v1, then demo-v2 after a restart): the
/// second version removes restore-drill, adds readiness-probes, and changes runbook and replicas.
/// </summary>
public sealed class TemplateDiffPageTests(TemplateDiffPageTests.App app) : IClassFixture<TemplateDiffPageTests.App>
{
    [Fact]
    public async Task Versions_TwoLoads_ListsBothNewestFirstWithACompareLink()
    {
        var response = await app.Client.GetAsync("/templates/demo/versions");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newer = html.IndexOf($"data-hash=\"{app.Newer}\"", StringComparison.Ordinal);
        var older = html.IndexOf($"data-hash=\"{app.Older}\"", StringComparison.Ordinal);
        Assert.True(newer >= 0 && older > newer, "both versions are listed, the newest first");
        Assert.Contains($"href=\"/templates/demo/diff?from={app.Older}&amp;to={app.Newer}\"", html);
        Assert.Equal(1, CountOf(html, "current</span>"));
    }

    [Fact]
    public async Task Diff_TwoVersions_ShowsAddedRemovedAndChangedItems()
    {
        var html = await app.GetAsync($"/templates/demo/diff?from={app.Older}&to={app.Newer}", HttpStatusCode.OK);

        Assert.Contains("data-diff=\"added\" data-item-id=\"readiness-probes\"", html);
        Assert.Contains("data-diff=\"removed\" data-item-id=\"restore-drill\"", html);
        Assert.Contains("data-diff=\"changed\" data-item-id=\"runbook\"", html);
        Assert.Contains("data-diff=\"changed\" data-item-id=\"replicas\"", html);
        Assert.Equal(1, CountOf(html, "data-diff=\"added\""));
        Assert.Equal(1, CountOf(html, "data-diff=\"removed\""));
        Assert.Equal(2, CountOf(html, "data-diff=\"changed\""));
        // The changed fields, with their values before and after.
        Assert.Contains("<td>A runbook exists</td>", html);
        Assert.Contains("<td>A runbook is written and reviewed</td>", html);
        Assert.Contains("<td>recommended</td>", html);
        Assert.Contains("<td>min = 2</td>", html);
        Assert.Contains("<td>min = 3</td>", html);
        Assert.Contains("data-field=\"title\"", html);
        Assert.Contains("data-field=\"required\"", html);
        Assert.Contains("data-field=\"parameters\"", html);
    }

    [Fact]
    public async Task Diff_Reversed_SwapsAddedAndRemoved()
    {
        var html = await app.GetAsync($"/templates/demo/diff?from={app.Newer[..12]}&to={app.Older[..12]}", HttpStatusCode.OK);

        Assert.Contains("data-diff=\"added\" data-item-id=\"restore-drill\"", html);
        Assert.Contains("data-diff=\"removed\" data-item-id=\"readiness-probes\"", html);
    }

    [Fact]
    public async Task Diff_SameVersion_SaysThereIsNoChange()
    {
        var html = await app.GetAsync($"/templates/demo/diff?from={app.Newer}&to={app.Newer}", HttpStatusCode.OK);

        Assert.Contains("data-testid=\"diff-empty\"", html);
        Assert.DoesNotContain("data-diff=", html);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "Choose two versions to compare")]
    [InlineData("?from=abc&to=abc", HttpStatusCode.BadRequest, "must be a content hash or at least its first 7 characters")]
    [InlineData("?from=0000000000&to=0000000000", HttpStatusCode.NotFound, "Template 'demo' has no version '0000000000'")]
    public async Task Diff_BadVersions_ExplainsWhatToGive(string query, HttpStatusCode status, string message)
    {
        var html = await app.GetAsync("/templates/demo/diff" + query, status);

        Assert.Contains(HtmlEncoder.Default.Encode(message), html);
        Assert.Contains("data-testid=\"compare-form\"", html);
    }

    [Fact]
    public async Task Diff_VersionOfAnotherTemplate_Is404()
    {
        var html = await app.GetAsync($"/templates/other/diff?from={app.Older}&to={app.Newer}", HttpStatusCode.NotFound);

        Assert.Contains(HtmlEncoder.Default.Encode("Template 'other' has no version"), html);
    }

    [Fact]
    public async Task Diff_UnknownTemplate_Is404()
    {
        var html = await app.GetAsync($"/templates/no-such-template/diff?from={app.Older}&to={app.Newer}", HttpStatusCode.NotFound);

        Assert.Contains("No template has the id <code>no-such-template</code>", html);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    public sealed class App : IAsyncLifetime
    {
        private readonly TemplateWorkspace _workspace = TemplateWorkspace.CopyOf(TemplateFixtures.Fixture("demo-v1"));
        private ChecklistAppFactory? _factory;

        public HttpClient Client { get; private set; } = null!;
        public string Older { get; private set; } = "";
        public string Newer { get; private set; } = "";

        public async Task<string> GetAsync(string url, HttpStatusCode expected)
        {
            var response = await Client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}{Environment.NewLine}{html}");
            return html;
        }

        public async Task InitializeAsync()
        {
            // A second template, so that a version of one is not accepted as a version of the other.
            await File.WriteAllTextAsync(_workspace.PathOf("other"),
                (await File.ReadAllTextAsync(_workspace.PathOf("demo"))).Replace("title: Demo readiness", "title: Other readiness"));
            using (var first = _workspace.App())
                Older = first.Services.GetRequiredService<TemplateCatalogService>().Current("demo")!.ContentHash;

            File.Copy(Path.Combine(TemplateFixtures.Fixture("demo-v2"), "demo.yaml"), _workspace.PathOf("demo"), overwrite: true);
            _factory = _workspace.App();
            Newer = _factory.Services.GetRequiredService<TemplateCatalogService>().Current("demo")!.ContentHash;
            Assert.NotEqual(Older, Newer);

            await TestUsers.CreateAsync(_factory.Services, "engineer@test.local", Roles.Engineer);
            Client = _factory.CreateNoRedirectClient();
            Assert.Equal(HttpStatusCode.Redirect, (await new Infrastructure.BrowserSession(Client).SignInAsync("engineer@test.local", TestUsers.Password)).StatusCode);
        }

        public Task DisposeAsync()
        {
            _factory?.Dispose();
            _workspace.Dispose();
            return Task.CompletedTask;
        }
    }
}
