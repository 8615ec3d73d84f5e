using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Checklist.Core.Checklists;
using Checklist.Core.Runbooks;
using Checklist.Web.Security;
using Checklist.Web.Templates;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Templates;

/// <summary>The template pages over the repository's own templates, read by an auditor (the least privileged reader).</summary>
public sealed partial class TemplatePagesTests(TemplatePagesTests.App app) : IClassFixture<TemplatePagesTests.App>
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    [Fact]
    public async Task Index_RepositoryTemplates_ListsEachWithCountsHashAndVersions()
    {
        var html = await app.GetOkAsync("/templates");

        var rows = RowPattern().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["body"].Value);
        Assert.Equal(TemplateFixtures.RepositoryCatalog.Templates.Select(t => t.Id), rows.Keys);
        foreach (var version in TemplateFixtures.RepositoryCatalog.Templates)
        {
            var row = rows[version.Id];
            var counts = TemplateCounts.Of(version.Template);
            Assert.Contains($"<a href=\"/templates/{version.Id}\" class=\"fw-semibold\">{Html.Encode(version.Template.Title)}</a>", row);
            Assert.Contains($"data-count=\"total\">{counts.Total}<", row);
            Assert.Contains($"data-count=\"automated\">{counts.Automated}<", row);
            Assert.Contains($"data-count=\"manual\">{counts.Manual}<", row);
            Assert.Contains($"data-count=\"required\">{counts.Required}<", row);
            Assert.Contains($">{version.ContentHash[..12]}</code>", row);
            Assert.Contains("data-count=\"versions\">1 version<", row);
            Assert.Contains(MarkdownRenderer.ToHtml(version.Template.Description), row);
            if (version.Template.Extends is { } baseId) Assert.Contains($"<a href=\"/templates/{baseId}\"><code>{baseId}</code></a>", row);
        }
        // The derived template's counts are its resolved items, not only those its own file adds.
        Assert.True(TemplateCounts.Of(TemplateFixtures.RepositoryCatalog.Find("pre-production")!.Template).Total > 50);
    }

    [Theory]
    [MemberData(nameof(TemplateFixtures.RepositoryTemplateIds), MemberType = typeof(TemplateFixtures))]
    public async Task Details_EveryTemplate_RendersEveryItemWithGuidanceHtmlAndCitedHeadings(string templateId)
    {
        var template = TemplateFixtures.RepositoryCatalog.Find(templateId)!.Template;

        var html = await app.GetOkAsync($"/templates/{templateId}");

        var items = Items(html);
        Assert.Equal(InPageOrder(template.Items).Select(i => i.Id), items.Select(i => i.Id));
        foreach (var item in template.Items)
        {
            var body = items.Single(i => i.Id == item.Id).Body;
            Assert.Equal(item.Probe is not null ? "probe" : "manual", items.Single(i => i.Id == item.Id).Verification);
            Assert.Contains($">{Html.Encode(item.Title)}</h3>", body);
            Assert.Contains(item.Required ? ">required</span>" : ">recommended</span>", body);
            Assert.Contains($"<div class=\"guidance\">{MarkdownRenderer.ToHtml(item.Guidance)}</div>", body);
            foreach (var source in item.Sources)
            {
                var citation = SourceCitations.All.Single(c => c.Citation == source);
                Assert.Contains($"<cite>{Html.Encode(citation.Heading)}</cite> — {Html.Encode(SourceDocuments.Title(citation.Document))}", body);
            }
            if (item.Probe is { } probe)
            {
                Assert.Contains($"<code>{probe.ProbeId}</code> — {Html.Encode(probe.Definition.Title)}", body);
                foreach (var (name, value) in probe.Parameters)
                    Assert.Contains($"<code>{name}</code> = <code>{Html.Encode(Value(value))}</code>", body);
            }
            if (item.Manual is { } manual)
            {
                Assert.Contains($"<dd>{string.Join(", ", manual.Evidence.Select(TemplateVocabulary.Name))}</dd>", body);
                Assert.Contains($"<dd>{TemplateVocabulary.Name(manual.Signoff)}{(manual.FourEyes ? " (four-eyes" : "</dd>")}", body);
            }
            Assert.Contains(item.AppliesWhen.Count == 0 ? "<dd>always</dd>" : $"<dd>when any of: {string.Join(", ", item.AppliesWhen.Select(TemplateVocabulary.Name))}</dd>", body);
            if (item.Runbook.Count > 0) Assert.Contains($"<dd>{string.Join(", ", item.Runbook.Select(TemplateVocabulary.Name))}</dd>", body);
        }
        // Every section folds, in the order the template first uses it.
        Assert.Equal(template.Items.Select(i => i.Section).Distinct(), SectionPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
    }

    [Fact]
    public async Task Details_Guidance_IsMarkdownRenderedAsHtml()
    {
        var html = await app.GetOkAsync("/templates/kubernetes-production-readiness");

        // readiness-probe's guidance writes `readinessProbe` in backticks: it arrives as a code element, not as backticks.
        var body = Items(html).Single(i => i.Id == "readiness-probe").Body;
        Assert.Contains("<code>readinessProbe</code>", body);
        Assert.DoesNotContain("`readinessProbe`", body);
    }

    [Theory]
    [InlineData("probe")]
    [InlineData("manual")]
    public async Task Details_VerificationFilter_ShowsOnlyThatKind(string verification)
    {
        var template = TemplateFixtures.RepositoryCatalog.Find("kubernetes-production-readiness")!.Template;
        var expected = InPageOrder(template.Items).Where(i => (i.Probe is not null) == (verification == "probe")).Select(i => i.Id).ToList();

        var html = await app.GetOkAsync($"/templates/{template.Id}?verification={verification}");

        var items = Items(html);
        Assert.Equal(expected, items.Select(i => i.Id));
        Assert.All(items, i => Assert.Equal(verification, i.Verification));
        Assert.Contains($"Showing {expected.Count} of {template.Items.Count} items.", html);
        Assert.Contains($"<option value=\"{verification}\" selected=\"selected\">", html);
    }

    [Fact]
    public async Task Details_SectionAndVerificationFilter_ShowsTheirIntersection()
    {
        var template = TemplateFixtures.RepositoryCatalog.Find("kubernetes-production-readiness")!.Template;
        var section = template.Items.GroupBy(i => i.Section).First(g => g.Any(i => i.Probe is not null) && g.Any(i => i.Manual is not null)).Key;
        var expected = template.Items.Where(i => i.Section == section && i.Manual is not null).Select(i => i.Id).ToList();

        var html = await app.GetOkAsync($"/templates/{template.Id}?verification=manual&section={Uri.EscapeDataString(section)}");

        Assert.Equal(expected, Items(html).Select(i => i.Id));
        Assert.Equal([section], SectionPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
    }

    [Fact]
    public async Task Details_UnknownFilterValues_WarnAndShowEverything()
    {
        var template = TemplateFixtures.RepositoryCatalog.Find("pre-production")!.Template;

        var html = await app.GetOkAsync($"/templates/{template.Id}?verification=robot&section=Nowhere");

        Assert.Equal(template.Items.Count, Items(html).Count);
        Assert.Contains(Html.Encode("'robot' is not a verification filter: use probe (automated) or manual."), html);
        Assert.Contains(Html.Encode("This template has no section 'Nowhere'."), html);
    }

    [Fact]
    public async Task Details_UnknownTemplate_Is404NamingTheLoadedOnes()
    {
        var response = await app.Client.GetAsync("/templates/no-such-template");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No template has the id <code>no-such-template</code>", html);
        foreach (var template in TemplateFixtures.RepositoryCatalog.Templates)
            Assert.Contains($"<a href=\"/templates/{template.Id}\"><code>{template.Id}</code></a>", html);
    }

    [Theory]
    [InlineData("/templates")]
    [InlineData("/templates/kubernetes-production-readiness")]
    [InlineData("/templates/pre-production/versions")]
    public async Task Pages_UnderTheContentSecurityPolicy_HaveNoInlineStyleOrScript(string url)
    {
        var html = await app.GetOkAsync(url);

        Assert.DoesNotMatch(@"\sstyle\s*=", html);
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
    }

    [Fact]
    public async Task Versions_SingleVersion_ShowsItAsCurrent()
    {
        var version = TemplateFixtures.RepositoryCatalog.Find("pre-production")!;

        var html = await app.GetOkAsync("/templates/pre-production/versions");

        Assert.Contains($"data-hash=\"{version.ContentHash}\"", html);
        Assert.Contains("current</span>", html);
        Assert.Contains($"<td class=\"text-end\">{version.Template.Items.Count}</td>", html);
    }

    /// <summary>Grouped by section, sections in the order the template first uses them, items in template order within each.</summary>
    private static IEnumerable<TemplateItem> InPageOrder(IEnumerable<TemplateItem> items) => items.GroupBy(i => i.Section).SelectMany(g => g);

    private static string Value(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IEnumerable<string> list when value is not string => string.Join(", ", list),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private sealed record RenderedItem(string Id, string Verification, string Body);

    private static List<RenderedItem> Items(string html) =>
        ItemPattern().Matches(html).Select(m => new RenderedItem(m.Groups["id"].Value, m.Groups["verification"].Value, m.Groups["body"].Value)).ToList();

    [GeneratedRegex("<article class=\"template-item\" id=\"item-(?<id>[^\"]+)\" data-item-id=\"[^\"]+\" data-verification=\"(?<verification>[a-z]+)\">(?<body>.*?)</article>", RegexOptions.Singleline)]
    private static partial Regex ItemPattern();

    [GeneratedRegex("<summary>\\s*<span class=\"h5\">([^<]+)</span>")]
    private static partial Regex SectionPattern();

    [GeneratedRegex("<tr data-testid=\"template-row\" data-template-id=\"(?<id>[^\"]+)\">(?<body>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    public sealed class App : IAsyncLifetime
    {
        private readonly ChecklistAppFactory _factory = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task<string> GetOkAsync(string url)
        {
            var response = await Client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}{Environment.NewLine}{html}");
            return html;
        }

        public async Task InitializeAsync()
        {
            _ = _factory.Server;
            await TestUsers.CreateAsync(_factory.Services, "auditor@test.local", Roles.Auditor);
            Client = _factory.CreateNoRedirectClient();
            var signIn = await new BrowserSession(Client).SignInAsync("auditor@test.local", TestUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        public Task DisposeAsync()
        {
            _factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
