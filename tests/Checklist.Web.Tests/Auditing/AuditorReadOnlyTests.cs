using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;

namespace Checklist.Web.Tests.Auditing;

/// <summary>
/// DESIGN.md: an auditor reads everything and changes nothing. Every write route the app maps (POST, PUT, PATCH,
/// DELETE, found from the endpoint data source, so a new route is covered without editing this test) must refuse
/// an Auditor: the pages with a redirect to access denied, the API with 403.
/// </summary>
public sealed class AuditorReadOnlyTests : IAsyncLifetime
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Write-method routes an auditor needs that change nothing of the product's data, each with why.</summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["POST /account/login"] = "signing in (records only the auditor's own sign-in event)",
        ["POST /account/logout"] = "signing out",
        ["POST /account/password"] = "changing one's own password",
        ["POST /api/v1/auth/token"] = "issuing oneself an API token to read and export",
        ["POST /audit/verify"] = "verifying the audit chain reads it and writes nothing",
    };

    private readonly ChecklistAppFactory _factory = new();
    private HttpClient _ui = null!;
    private HttpClient _api = null!;
    private string _antiforgery = "";

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await TestUsers.CreateOnePerRoleAsync(_factory.Services);
        var session = new BrowserSession(_factory.CreateNoRedirectClient());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(TestUsers.EmailFor(Roles.Auditor), TestUsers.Password)).StatusCode);
        _ui = session.Client;
        // A valid token, so that a refusal is the role's doing and not a missing antiforgery token.
        _antiforgery = await session.AntiforgeryTokenAsync("/audit/verify");

        _api = _factory.CreateNoRedirectClient();
        var issued = await _api.PostAsJsonAsync("/api/v1/auth/token", new { email = TestUsers.EmailFor(Roles.Auditor), password = TestUsers.Password });
        issued.EnsureSuccessStatusCode();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteRoutes_AsAuditor_AreAllRefused()
    {
        var routes = WriteRoutes();
        Assert.Contains(routes, r => r.IsApi);
        Assert.Contains(routes, r => !r.IsApi);
        var stale = Allowed.Keys.Where(k => routes.All(r => r.Key != k)).ToList();
        Assert.True(stale.Count == 0, "Allowed write routes the app no longer maps: " + string.Join(", ", stale));

        var failures = new List<string>();
        foreach (var route in routes.Where(r => !Allowed.ContainsKey(r.Key)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
            if (route.IsApi) request.Content = JsonContent.Create(new { });
            else request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", _antiforgery)]);
            using var response = await (route.IsApi ? _api : _ui).SendAsync(request);
            var location = response.Headers.Location?.OriginalString ?? "";
            var refused = route.IsApi
                ? response.StatusCode == HttpStatusCode.Forbidden
                : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
            if (!refused) failures.Add($"{route.Key} ({route.Url}) as Auditor: {(int)response.StatusCode} {location}");
        }
        Assert.True(failures.Count == 0, "Write routes an Auditor can use:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task AllowedRoutes_AsAuditor_AreReallyAllowed()
    {
        // The exemptions are not a blanket pass: verification as an auditor runs and shows its result.
        var response = await _ui.PostAsync("/audit/verify", new FormUrlEncodedContent([new("__RequestVerificationToken", _antiforgery)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"verify-result\"", await response.Content.ReadAsStringAsync());
    }

    private sealed record WriteRoute(string Key, string Method, string Url, bool IsApi);

    private List<WriteRoute> WriteRoutes()
    {
        var source = _factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<WriteRoute>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Where(m => WriteMethods.Contains(m)))
                routes.Add(new WriteRoute($"{method} {pattern}", method, Fill(pattern), pattern.StartsWith("/api/")));
        }
        return routes.DistinctBy(r => r.Key).ToList();
    }

    /// <summary>Any route parameter gets a well-formed sample value of its constraint's type, so the route matches.</summary>
    private static string Fill(string pattern) =>
        "/" + string.Join('/', pattern.Trim('/').Split('/').Select(segment =>
        {
            if (!segment.StartsWith('{')) return segment;
            var constraint = segment.Trim('{', '}', '?').Split(':').Skip(1).FirstOrDefault();
            return constraint switch
            {
                "guid" => Guid.NewGuid().ToString(),
                "int" or "long" => "1",
                _ => "sample",
            };
        }));
}
