using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Clusters;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Clusters;

/// <summary>POST and GET /api/v1/clusters: validation with messages a person can act on, secrets stored encrypted and never returned.</summary>
public sealed class ClustersApiTests(ClustersApiTests.App app) : IClassFixture<ClustersApiTests.App>
{
    private const string Token = "fake-token-0123456789abcdef";

    [Fact]
    public async Task Register_ServerWithCaAndToken_CreatedAndTokenStoredEncrypted()
    {
        var name = Unique("by-address");
        var response = await app.Admin.PostAsJsonAsync("/api/v1/clusters", new
        {
            name, server = "https://api.example.test:6443", caData = app.Pki.AuthorityPem, token = Token,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Token, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("server", json.RootElement.GetProperty("kind").GetString());
        Assert.True(json.RootElement.GetProperty("hasToken").GetBoolean());
        Assert.True(json.RootElement.GetProperty("hasCaData").GetBoolean());
        Assert.Equal("https://api.example.test:6443/", json.RootElement.GetProperty("server").GetString());

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var stored = await db.Clusters.AsNoTracking().SingleAsync(c => c.Name == name);
        Assert.NotNull(stored.ProtectedToken);
        Assert.DoesNotContain(Token, stored.ProtectedToken);
        Assert.Equal(Token, scope.ServiceProvider.GetRequiredService<ClusterSecrets>().Connect(stored).BearerToken);
        var audit = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "cluster.registered" && e.EntityId == stored.Id.ToString()).SingleAsync();
        Assert.Equal(ChecklistAppFactory.AdminEmail, audit.ActorName);
        Assert.DoesNotContain(Token, audit.After);
    }

    [Fact]
    public async Task List_AsAuditor_ShowsClustersWithoutSecrets()
    {
        var name = Unique("listed");
        (await app.Admin.PostAsJsonAsync("/api/v1/clusters", new { name, server = "https://10.0.0.1:6443", token = Token, insecureSkipTlsVerify = true }))
            .EnsureSuccessStatusCode();

        var response = await app.Auditor.GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Token, body);
        using var json = JsonDocument.Parse(body);
        var row = json.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        Assert.True(row.GetProperty("insecureSkipTlsVerify").GetBoolean());
        Assert.False(row.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Register_Kubeconfig_UsesItsContextAndServer()
    {
        var name = Unique("by-kubeconfig");
        var server = new Uri("https://127.0.0.1:6443");
        var response = await app.Admin.PostAsJsonAsync("/api/v1/clusters", new
        {
            name, kubeconfig = ClusterTestData.Kubeconfig(server, app.Pki.AuthorityPem, Token, context: "staging"),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("kubeconfig", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("staging", json.RootElement.GetProperty("context").GetString());
        Assert.Equal("https://127.0.0.1:6443/", json.RootElement.GetProperty("server").GetString());
    }

    [Fact]
    public async Task Register_KubeconfigWithUnknownCluster_400NamesTheLine()
    {
        var kubeconfig = """
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters: []
            users: []
            contexts:
            - name: fake
              context:
                cluster: nowhere
            """;
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("bad"), kubeconfig });
        Assert.Contains("kubeconfig:9:5: context \"fake\" names cluster \"nowhere\", which the kubeconfig does not define", problem);
    }

    [Fact]
    public async Task Register_KubeconfigNotYaml_400WithPosition()
    {
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("bad"), kubeconfig = "clusters: [unclosed\nusers: x" });
        Assert.Matches(@"kubeconfig:\d+:\d+: not valid YAML", problem);
    }

    [Fact]
    public async Task Register_KubeconfigWithUnknownContext_400ListsTheAvailableOnes()
    {
        var kubeconfig = ClusterTestData.Kubeconfig(new Uri("https://127.0.0.1:6443"), app.Pki.AuthorityPem, Token);
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("bad"), kubeconfig, context = "prod" });
        Assert.Contains("context \"prod\" not found (available: fake)", problem);
    }

    [Fact]
    public async Task Register_KubeconfigWithExecPlugin_RefusedBeforeAnythingRuns()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"exec-ran-{Guid.NewGuid():N}");
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: true
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: touch
                  args: ["{marker}"]
            contexts:
            - name: fake
              context: {"{"}cluster: c, user: u{"}"}
            """;
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("exec"), kubeconfig });
        Assert.Contains("kubeconfig:13:7: user \"u\" uses an exec credential plugin, which the web app refuses", problem);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Register_KubeconfigNamingAFile_RefusedWithTheDataKeyToUse()
    {
        var kubeconfig = """
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: /etc/hostname
            contexts:
            - name: fake
              context: {cluster: c}
            """;
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("file"), kubeconfig });
        Assert.Contains("kubeconfig:8:28: cluster \"c\" names the file \"certificate-authority\"", problem);
        Assert.Contains("certificate-authority-data", problem);
    }

    [Theory]
    [InlineData("ftp://api.example.test", "is not an https:// URL")]
    [InlineData("not a url", "is not an https:// URL")]
    public async Task Register_BadServerAddress_400(string server, string expected)
    {
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("bad"), server, token = Token });
        Assert.Contains(expected, problem);
    }

    [Fact]
    public async Task Register_CaThatIsNotPem_400SaysSo()
    {
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest,
            new { name = Unique("bad-ca"), server = "https://api.example.test", caData = "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----" });
        Assert.Contains("certificate authority", problem);
    }

    [Fact]
    public async Task Register_CaWithInsecureSkip_400NamesTheConflict()
    {
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest,
            new { name = Unique("both-tls"), server = "https://api.example.test", caData = app.Pki.AuthorityPem, insecureSkipTlsVerify = true });
        Assert.Contains("either a certificate authority or insecure-skip-tls-verify", problem);
    }

    [Fact]
    public async Task Register_ServerAndKubeconfig_400AsksForOne()
    {
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest,
            new { name = Unique("both"), server = "https://api.example.test", kubeconfig = "apiVersion: v1" });
        Assert.Contains("give either a server (with caData and token) or a kubeconfig (with context), not both", problem);
    }

    [Fact]
    public async Task Register_Nothing_400SaysWhatIsNeeded()
    {
        var problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { name = Unique("empty") });
        Assert.Contains("give a server address (https://...) with caData and token, or a kubeconfig with its context", problem);
        problem = await RegisterExpectingAsync(HttpStatusCode.BadRequest, new { server = "https://api.example.test" });
        Assert.Contains("a cluster needs a name", problem);
    }

    [Fact]
    public async Task Register_NameTaken_409()
    {
        var name = Unique("twice");
        (await app.Admin.PostAsJsonAsync("/api/v1/clusters", new { name, server = "https://a.example.test" })).EnsureSuccessStatusCode();
        var problem = await RegisterExpectingAsync(HttpStatusCode.Conflict, new { name = name.ToUpperInvariant(), server = "https://b.example.test" });
        Assert.Contains("is already registered", problem);
    }

    [Fact]
    public async Task Register_AsEngineer_403()
    {
        var response = await app.Engineer.PostAsJsonAsync("/api/v1/clusters", new { name = Unique("engineer"), server = "https://a.example.test" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesClustersAndVerification()
    {
        var paths = (await app.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/api/v1/clusters", "/api/v1/runs/{id}/manifests", "/api/v1/runs/{id}/verify", "/api/v1/runs/{id}/verifications",
                     "/api/v1/runs/{id}/verifications/latest" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
    }

    private async Task<string> RegisterExpectingAsync(HttpStatusCode status, object body)
    {
        var response = await app.Admin.PostAsJsonAsync("/api/v1/clusters", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public sealed class App : IAsyncLifetime
    {
        public ChecklistAppFactory Factory { get; } = new();
        public TestPki Pki { get; } = new();
        public HttpClient Admin { get; private set; } = null!;
        public HttpClient Engineer { get; private set; } = null!;
        public HttpClient Auditor { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Admin = Factory.CreateClient();
            Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
            await TestUsers.CreateOnePerRoleAsync(Factory.Services);
            Engineer = await ApiClientAsync(Roles.Engineer);
            Auditor = await ApiClientAsync(Roles.Auditor);
        }

        private async Task<HttpClient> ApiClientAsync(string role)
        {
            var client = Factory.CreateClient();
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = TestUsers.EmailFor(role), password = TestUsers.Password });
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
            return client;
        }

        public Task DisposeAsync()
        {
            Pki.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
