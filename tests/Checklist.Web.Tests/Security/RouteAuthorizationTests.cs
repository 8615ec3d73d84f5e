using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Security;

/// <summary>
/// Walks every endpoint the app maps and every role (and an anonymous caller). A route missing from the table
/// below fails the build: adding a route means deciding who may call it.
/// </summary>
public sealed class RouteAuthorizationTests : IClassFixture<RouteAuthorizationTests.App>
{
    private const string Anyone = "anyone";
    private const string SignedIn = "signed-in";

    /// <summary>"METHOD /pattern" → who may call it: Anyone, SignedIn, or a policy name from AuthorizationPolicies.</summary>
    private static readonly Dictionary<string, string> Decisions = new()
    {
        ["* /healthz/live"] = Anyone,
        ["* /healthz/ready"] = Anyone,
        ["GET /metrics"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /account/login"] = Anyone,
        ["POST /account/login"] = Anyone,
        ["GET /account/access-denied"] = Anyone,
        ["* /error/{status:int?}"] = Anyone,
        ["POST /account/logout"] = SignedIn,
        ["GET /account/password"] = SignedIn,
        ["POST /account/password"] = SignedIn,
        ["GET /"] = AuthorizationPolicies.Read,
        ["GET /runs"] = AuthorizationPolicies.Read,
        ["GET /runs/my-items"] = AuthorizationPolicies.Read,
        ["GET /runs/new"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/new"] = AuthorizationPolicies.ManageRuns,
        ["GET /runs/{id:guid}"] = AuthorizationPolicies.Read,
        ["GET /runs/{id:guid}/runbook.md"] = AuthorizationPolicies.Read,
        ["GET /runs/{id:guid}/evidence/{evidenceId:guid}/file"] = AuthorizationPolicies.Read,
        ["POST /runs/{id:guid}/items/{itemId}/evidence"] = AuthorizationPolicies.WorkOnItems,
        ["POST /runs/{id:guid}/items/{itemId}/files"] = AuthorizationPolicies.WorkOnItems,
        ["POST /runs/{id:guid}/items/{itemId}/signoff"] = AuthorizationPolicies.WorkOnItems,
        ["POST /runs/{id:guid}/items/{itemId}/not-applicable"] = AuthorizationPolicies.WorkOnItems,
        ["POST /runs/{id:guid}/items/{itemId}/waiver"] = AuthorizationPolicies.WorkOnItems,
        ["POST /runs/{id:guid}/items/{itemId}/waiver/approve"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/{id:guid}/items/{itemId}/waiver/reject"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/{id:guid}/items/{itemId}/assign"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/{id:guid}/decision"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/{id:guid}/cancel"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/{id:guid}/complete"] = AuthorizationPolicies.ManageRuns,
        ["POST /runs/{id:guid}/reopen"] = AuthorizationPolicies.ManageRuns,
        ["GET /templates"] = AuthorizationPolicies.Read,
        ["GET /templates/{id}"] = AuthorizationPolicies.Read,
        ["GET /templates/{id}/versions"] = AuthorizationPolicies.Read,
        ["GET /templates/{id}/diff"] = AuthorizationPolicies.Read,
        ["GET /audit"] = AuthorizationPolicies.Read,
        ["GET /audit/{seq:long}"] = AuthorizationPolicies.Read,
        ["GET /audit/runs/{runId:guid}"] = AuthorizationPolicies.Read,
        ["GET /audit/runs/{runId:guid}/pack"] = AuthorizationPolicies.Audit,
        ["GET /api/v1/runs/{id:guid}/audit-pack"] = AuthorizationPolicies.Audit,
        ["GET /audit/export"] = AuthorizationPolicies.Audit,
        ["GET /audit/verify"] = AuthorizationPolicies.Audit,
        ["POST /audit/verify"] = AuthorizationPolicies.Audit,
        ["GET /api/v1/audit"] = AuthorizationPolicies.Audit,
        ["GET /api/v1/audit/verify"] = AuthorizationPolicies.Audit,
        ["GET /admin/users"] = AuthorizationPolicies.Admin,
        ["GET /admin/users/new"] = AuthorizationPolicies.Admin,
        ["POST /admin/users/new"] = AuthorizationPolicies.Admin,
        ["POST /admin/users/{id}/roles"] = AuthorizationPolicies.Admin,
        ["POST /admin/users/{id}/deactivate"] = AuthorizationPolicies.Admin,
        ["POST /admin/users/{id}/activate"] = AuthorizationPolicies.Admin,
        ["GET /admin/tokens"] = AuthorizationPolicies.Admin,
        ["POST /admin/tokens"] = AuthorizationPolicies.Admin,
        ["POST /admin/tokens/{id:guid}/revoke"] = AuthorizationPolicies.Admin,
        ["GET /admin/webhooks"] = AuthorizationPolicies.Admin,
        ["POST /admin/webhooks"] = AuthorizationPolicies.Admin,
        ["GET /admin/webhooks/{endpointId:guid}"] = AuthorizationPolicies.Admin,
        ["POST /admin/webhooks/{endpointId:guid}"] = AuthorizationPolicies.Admin,
        ["POST /admin/webhooks/{endpointId:guid}/delete"] = AuthorizationPolicies.Admin,
        ["POST /admin/webhooks/{endpointId:guid}/test"] = AuthorizationPolicies.Admin,
        ["GET /admin/webhooks/deliveries"] = AuthorizationPolicies.Admin,
        ["POST /api/v1/auth/token"] = Anyone,
        ["GET /api/v1/users"] = AuthorizationPolicies.Admin,
        ["POST /api/v1/users"] = AuthorizationPolicies.Admin,
        ["GET /api/v1/templates"] = AuthorizationPolicies.Read,
        ["GET /api/v1/templates/{id}"] = AuthorizationPolicies.Read,
        ["GET /api/v1/runs"] = AuthorizationPolicies.Read,
        ["POST /api/v1/runs"] = AuthorizationPolicies.ManageRuns,
        ["GET /api/v1/runs/{id:guid}"] = AuthorizationPolicies.Read,
        ["GET /api/v1/runs/{id:guid}/gate"] = AuthorizationPolicies.Read,
        ["POST /api/v1/runs/{id:guid}/decision"] = AuthorizationPolicies.ManageRuns,
        ["POST /api/v1/runs/{id:guid}/cancel"] = AuthorizationPolicies.ManageRuns,
        ["POST /api/v1/runs/{id:guid}/complete"] = AuthorizationPolicies.ManageRuns,
        ["POST /api/v1/runs/{id:guid}/reopen"] = AuthorizationPolicies.ManageRuns,
        ["GET /api/v1/runs/{id:guid}/runbook.md"] = AuthorizationPolicies.Read,
        ["GET /api/v1/runs/{id:guid}/audit"] = AuthorizationPolicies.Read,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/evidence"] = AuthorizationPolicies.WorkOnItems,
        ["GET /api/v1/runs/{id:guid}/items/{itemId}/evidence/{evidenceId:guid}/file"] = AuthorizationPolicies.Read,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/signoff"] = AuthorizationPolicies.WorkOnItems,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/not-applicable"] = AuthorizationPolicies.WorkOnItems,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/waiver"] = AuthorizationPolicies.WorkOnItems,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/waiver/approve"] = AuthorizationPolicies.ManageRuns,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/waiver/reject"] = AuthorizationPolicies.ManageRuns,
        ["POST /api/v1/runs/{id:guid}/items/{itemId}/assign"] = AuthorizationPolicies.ManageRuns,
        ["GET /admin/clusters"] = AuthorizationPolicies.Admin,
        ["POST /admin/clusters"] = AuthorizationPolicies.Admin,
        ["POST /admin/clusters/kubeconfig"] = AuthorizationPolicies.Admin,
        ["POST /admin/clusters/{id:guid}/test"] = AuthorizationPolicies.Admin,
        ["POST /admin/clusters/{id:guid}/delete"] = AuthorizationPolicies.Admin,
        ["GET /api/v1/clusters"] = AuthorizationPolicies.Read,
        ["POST /api/v1/clusters"] = AuthorizationPolicies.Admin,
        ["PUT /api/v1/runs/{id:guid}/manifests"] = AuthorizationPolicies.WorkOnItems,
        ["POST /api/v1/runs/{id:guid}/verify"] = AuthorizationPolicies.WorkOnItems,
        ["GET /api/v1/runs/{id:guid}/verifications"] = AuthorizationPolicies.Read,
        ["GET /api/v1/runs/{id:guid}/verifications/latest"] = AuthorizationPolicies.Read,
        ["POST /runs/{id:guid}/verify"] = AuthorizationPolicies.WorkOnItems,
        ["GET /runs/{id:guid}/verification"] = AuthorizationPolicies.Read,
    };

    private readonly App _app;

    public RouteAuthorizationTests(App app) => _app = app;

    [Fact]
    public void Endpoints_EveryMappedRoute_HasADecision()
    {
        var mapped = _app.Routes().Select(r => r.Key).ToHashSet();
        var undecided = mapped.Where(k => !Decisions.ContainsKey(k)).Order().ToList();
        var stale = Decisions.Keys.Where(k => !mapped.Contains(k)).Order().ToList();
        Assert.True(undecided.Count == 0, "Routes without an authorization decision in RouteAuthorizationTests: " + string.Join(", ", undecided));
        Assert.True(stale.Count == 0, "Decisions for routes the app no longer maps: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task StaticFiles_Anonymous_AreServed()
    {
        var response = await _app.AnonymousClient.GetAsync("/lib/bootstrap/dist/css/bootstrap.min.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Endpoints_EveryRouteAndCaller_GetsWhatTheTableSays()
    {
        var failures = new List<string>();
        foreach (var route in _app.Routes())
        {
            var decision = Decisions.GetValueOrDefault(route.Key);
            if (decision is null) continue; // reported by Endpoints_EveryMappedRoute_HasADecision
            foreach (var caller in App.Callers)
            {
                var allowed = decision switch
                {
                    Anyone => true,
                    SignedIn => caller != App.Anonymous,
                    _ => caller != App.Anonymous && AuthorizationPolicies.RolesByPolicy[decision].Contains(caller),
                };
                var status = await _app.SendAsync(route, caller);
                var verdict = Judge(route.IsApi, status);
                if ((int)status.Code >= 500)
                    failures.Add($"{route.Key} as {caller}: got {status}, a server error");
                else if (verdict != allowed)
                    failures.Add($"{route.Key} as {caller}: got {status}, expected {(allowed ? "allowed" : "refused")}");
                else if (allowed && route.Method == "POST" && !route.IsApi && !route.Key.StartsWith("* /error"))
                {
                    // Antiforgery on every form: an allowed caller without the token is refused with 400.
                    if (status.Code != HttpStatusCode.BadRequest)
                        failures.Add($"{route.Key} as {caller}: a post without an antiforgery token got {status}, expected 400");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>True when the request got past authorization.</summary>
    private static bool Judge(bool api, App.Outcome outcome)
    {
        if (api) return outcome.Code is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        if (outcome.Code is HttpStatusCode.Redirect or HttpStatusCode.Found)
            return outcome.Location is not null
                   && !outcome.Location.StartsWith("/account/login", StringComparison.OrdinalIgnoreCase)
                   && !outcome.Location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)
                   && !outcome.Location.Contains("/account/login", StringComparison.OrdinalIgnoreCase);
        return outcome.Code is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
    }

    public sealed record Route(string Key, string Method, string Pattern, bool IsApi)
    {
        public string Url =>
            "/" + string.Join('/', Pattern.Trim('/').Split('/').Select(Fill)).TrimEnd('/');

        private static string Fill(string segment) => segment switch
        {
            "{id:guid}" or "{runId:guid}" => Guid.NewGuid().ToString(),
            "{seq:long}" => "1",
            "{id}" => "no-such-id",
            "{itemId}" => "no-such-item",
            "{evidenceId:guid}" or "{endpointId:guid}" => Guid.NewGuid().ToString(),
            "{status:int?}" => "404",
            "{documentName}.json" => "v1.json",
            _ => segment,
        };
    }

    public sealed class App : IAsyncLifetime
    {
        public const string Anonymous = "anonymous";
        public static readonly string[] Callers = [Anonymous, .. Roles.All];

        private readonly ChecklistAppFactory _factory = new();
        private readonly Dictionary<string, HttpClient> _ui = new();
        private readonly Dictionary<string, HttpClient> _api = new();

        public sealed record Outcome(HttpStatusCode Code, string? Location)
        {
            public override string ToString() => Location is null ? $"{(int)Code}" : $"{(int)Code} → {Location}";
        }

        public HttpClient AnonymousClient => _ui[Anonymous];

        public IReadOnlyList<Route> Routes()
        {
            var source = _factory.Services.GetRequiredService<EndpointDataSource>();
            var routes = new List<Route>();
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
                var isApi = pattern.StartsWith("/api/");
                if (methods is null || methods.Count == 0) routes.Add(new Route($"* {pattern}", "GET", pattern, isApi));
                else routes.AddRange(methods.Where(m => m != "HEAD").Select(m => new Route($"{m} {pattern}", m, pattern, isApi)));
            }
            return routes.DistinctBy(r => r.Key).ToList();
        }

        public async Task<Outcome> SendAsync(Route route, string caller)
        {
            var client = route.IsApi ? _api[caller] : _ui[caller];
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
            if (route.Method != "GET") request.Content = route.IsApi ? JsonContent.Create(new { }) : new FormUrlEncodedContent([]);
            using var response = await client.SendAsync(request);
            return new Outcome(response.StatusCode, response.Headers.Location?.OriginalString);
        }

        public async Task InitializeAsync()
        {
            _ = _factory.Server;
            await TestUsers.CreateOnePerRoleAsync(_factory.Services);
            _ui[Anonymous] = _factory.CreateNoRedirectClient();
            _api[Anonymous] = _factory.CreateNoRedirectClient();
            foreach (var role in Roles.All)
            {
                var email = role == Roles.Admin ? ChecklistAppFactory.AdminEmail : TestUsers.EmailFor(role);
                var password = role == Roles.Admin ? ChecklistAppFactory.AdminPassword : TestUsers.Password;
                var ui = _factory.CreateNoRedirectClient();
                var signIn = await new BrowserSession(ui).SignInAsync(email, password);
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                _ui[role] = ui;

                var api = _factory.CreateNoRedirectClient();
                var tokenResponse = await api.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
                tokenResponse.EnsureSuccessStatusCode();
                var token = (await tokenResponse.Content.ReadFromJsonAsync<TokenBody>())!.Token;
                api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                _api[role] = api;
            }
        }

        public Task DisposeAsync()
        {
            _factory.Dispose();
            return Task.CompletedTask;
        }

        private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
    }
}
