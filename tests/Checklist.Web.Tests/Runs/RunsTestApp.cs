using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Runs;

/// <summary>
/// The app on either provider, loading the small <c>release-basics</c> checklist from the test fixtures, with two
/// release managers, two engineers and an auditor, each with an API client holding their own bearer token.
/// </summary>
public sealed class RunsTestApp : IDisposable
{
    public const string Template = "release-basics";
    public const string Rm1 = "rm1@test.local";
    public const string Rm2 = "rm2@test.local";
    public const string Eng1 = "eng1@test.local";
    public const string Eng2 = "eng2@test.local";
    public const string Auditor = "auditor1@test.local";

    public static readonly string TemplateDirectory = Path.Combine(AppContext.BaseDirectory, "Runs", "Fixtures", "checklists");
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, HttpClient> _api = new();

    private RunsTestApp(ChecklistAppFactory factory) => Factory = factory;

    public ChecklistAppFactory Factory { get; }
    public IServiceProvider Services => Factory.Services;
    public Dictionary<string, string> UserIds { get; } = new();

    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    public static async Task<RunsTestApp> StartAsync(string provider = "Sqlite", IDictionary<string, string?>? settings = null, bool users = true)
    {
        var all = new Dictionary<string, string?> { ["Checklist:Templates:Directory"] = TemplateDirectory };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var factory = provider == "Postgres"
            ? new ChecklistAppFactory(all, await PostgresServer.CreateDatabaseAsync())
            : new ChecklistAppFactory(all);
        var app = new RunsTestApp(factory);
        _ = factory.Server;
        if (users) await app.CreateUsersAsync();
        return app;
    }

    private async Task CreateUsersAsync()
    {
        foreach (var (email, role) in new[] { (Rm1, Roles.ReleaseManager), (Rm2, Roles.ReleaseManager), (Eng1, Roles.Engineer), (Eng2, Roles.Engineer), (Auditor, Roles.Auditor) })
            UserIds[email] = await TestUsers.CreateAsync(Services, email, role);
    }

    /// <summary>An API client authenticated as the user (by bearer token from POST /api/v1/auth/token).</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        if (_api.TryGetValue(email, out var client)) return client;
        client = Factory.CreateNoRedirectClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _api[email] = client;
    }

    /// <summary>A web session signed in as the user.</summary>
    public async Task<BrowserSession> SignInAsync(string email)
    {
        var session = new BrowserSession(Factory.CreateNoRedirectClient());
        var response = await session.SignInAsync(email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>Creates a run of the test template through the API as release manager 1.</summary>
    public async Task<Guid> CreateRunAsync(string environment = "production", object? extra = null)
    {
        var api = await ApiAsync(Rm1);
        var body = new Dictionary<string, object?>
        {
            ["templateId"] = Template,
            ["service"] = "shop",
            ["version"] = "1.4.0",
            ["environment"] = environment,
            ["namespace"] = "shop",
            ["plannedGoLive"] = DateTimeOffset.UtcNow.AddDays(5),
            ["deployMethod"] = new { kind = "helm", name = "shop", chart = "oci://registry.example.com/charts/shop", chartVersion = "1.4.0" },
        };
        if (extra is not null)
            foreach (var property in JsonSerializer.SerializeToElement(extra, Json).EnumerateObject())
                body[property.Name] = property.Value;
        var response = await api.PostAsJsonAsync("/api/v1/runs", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public void Dispose() => Factory.Dispose();
}
