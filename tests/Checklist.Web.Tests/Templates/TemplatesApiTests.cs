using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Checklist.Core.Checklists;
using Checklist.Web.Templates;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Templates;

public sealed class TemplatesApiTests(TemplatesApiTests.App app) : IClassFixture<TemplatesApiTests.App>
{
    [Fact]
    public async Task List_RepositoryTemplates_ReturnsIdTitleHashAndCounts()
    {
        var body = await app.GetJsonAsync("/api/v1/templates", HttpStatusCode.OK);

        var rows = body.EnumerateArray().ToList();
        Assert.Equal(TemplateFixtures.RepositoryCatalog.Templates.Select(t => t.Id), rows.Select(r => r.GetProperty("id").GetString()));
        foreach (var row in rows)
        {
            var version = TemplateFixtures.RepositoryCatalog.Find(row.GetProperty("id").GetString()!)!;
            var counts = TemplateCounts.Of(version.Template);
            Assert.Equal(version.Template.Title, row.GetProperty("title").GetString());
            Assert.Equal(version.Template.Extends, row.GetProperty("extends").GetString());
            Assert.Equal(version.ContentHash, row.GetProperty("versionHash").GetString());
            Assert.Equal(counts.Total, row.GetProperty("itemCount").GetInt32());
            Assert.Equal(counts.Automated, row.GetProperty("automatedCount").GetInt32());
            Assert.Equal(counts.Manual, row.GetProperty("manualCount").GetInt32());
            Assert.Equal(counts.Required, row.GetProperty("requiredCount").GetInt32());
            Assert.Equal(counts.Total, counts.Automated + counts.Manual);
        }
    }

    [Theory]
    [MemberData(nameof(TemplateFixtures.RepositoryTemplateIds), MemberType = typeof(TemplateFixtures))]
    public async Task Get_RepositoryTemplate_ReturnsEveryItemWithItsVerification(string templateId)
    {
        var version = TemplateFixtures.RepositoryCatalog.Find(templateId)!;

        var body = await app.GetJsonAsync($"/api/v1/templates/{templateId}", HttpStatusCode.OK);

        Assert.Equal(templateId, body.GetProperty("id").GetString());
        Assert.Equal(version.ContentHash, body.GetProperty("versionHash").GetString());
        Assert.Equal(version.Template.Description, body.GetProperty("description").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(version.Template.Items.Select(i => i.Id), items.Select(i => i.GetProperty("id").GetString()));
        foreach (var (item, json) in version.Template.Items.Zip(items))
        {
            Assert.Equal(item.Section, json.GetProperty("section").GetString());
            Assert.Equal(item.Title, json.GetProperty("title").GetString());
            Assert.Equal(item.Required, json.GetProperty("required").GetBoolean());
            Assert.Equal(item.Guidance, json.GetProperty("guidance").GetString());
            Assert.Equal(item.Sources, json.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(item.AppliesWhen.Select(TemplateVocabulary.Name), json.GetProperty("appliesWhen").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(item.Runbook.Select(TemplateVocabulary.Name), json.GetProperty("runbook").EnumerateArray().Select(s => s.GetString()));
            if (item.Probe is { } probe)
            {
                Assert.Equal("probe", json.GetProperty("verification").GetString());
                Assert.Equal(probe.ProbeId, json.GetProperty("probe").GetString());
                var parameters = json.GetProperty("parameters");
                Assert.Equal(probe.Parameters.Keys, parameters.EnumerateObject().Select(p => p.Name));
                foreach (var (name, value) in probe.Parameters)
                    Assert.Equal(JsonSerializer.Serialize(value), parameters.GetProperty(name).GetRawText());
                Assert.Equal(JsonValueKind.Null, json.GetProperty("manual").ValueKind);
            }
            else
            {
                var manual = item.Manual!;
                Assert.Equal("manual", json.GetProperty("verification").GetString());
                Assert.Equal(JsonValueKind.Null, json.GetProperty("probe").ValueKind);
                Assert.Equal(JsonValueKind.Null, json.GetProperty("parameters").ValueKind);
                var m = json.GetProperty("manual");
                Assert.Equal(manual.Evidence.Select(TemplateVocabulary.Name), m.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
                Assert.Equal(TemplateVocabulary.Name(manual.Signoff), m.GetProperty("signoff").GetString());
                Assert.Equal(manual.FourEyes, m.GetProperty("fourEyes").GetBoolean());
            }
        }
    }

    [Fact]
    public async Task Get_DerivedTemplate_ShowsItsOwnParameterValues()
    {
        var body = await app.GetJsonAsync("/api/v1/templates/pre-production", HttpStatusCode.OK);

        var replicas = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "replicas-min");
        Assert.Equal(1, replicas.GetProperty("parameters").GetProperty("min").GetInt32());
        Assert.Equal("kubernetes-production-readiness", body.GetProperty("extends").GetString());
    }

    [Fact]
    public async Task Get_UnknownTemplate_Is404ProblemNamingTheKnownIds()
    {
        var response = await app.Client.GetAsync("/api/v1/templates/no-such-template");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("No such template", problem.GetProperty("title").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'no-such-template'", detail);
        foreach (var template in TemplateFixtures.RepositoryCatalog.Templates) Assert.Contains(template.Id, detail);
    }

    public sealed class App : IDisposable
    {
        private readonly ChecklistAppFactory _factory = new();

        public App()
        {
            Client = _factory.CreateNoRedirectClient();
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        }

        public HttpClient Client { get; }

        public async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected)
        {
            var response = await Client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}{Environment.NewLine}{text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(text).RootElement;
        }

        public void Dispose() => _factory.Dispose();
    }
}
