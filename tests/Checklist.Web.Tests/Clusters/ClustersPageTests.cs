using System.Net;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Clusters;

/// <summary>The /admin/clusters page: register by address or kubeconfig, test the connection, delete.</summary>
public sealed class ClustersPageTests(ClustersPageTests.App app) : IClassFixture<ClustersPageTests.App>
{
    private const string Token = App.Token;
    private ChecklistAppFactory Factory => app.Factory;
    private TestPki Pki => app.Pki;
    private FakeKubeApiServer Server => app.Server;
    private BrowserSession Admin => app.Admin;

    [Fact]
    public async Task RegisterByAddress_ThenTest_ShowsTheServerVersion()
    {
        var registered = await Admin.PostFormAsync("/admin/clusters", "/admin/clusters", new Dictionary<string, string>
        {
            ["Name"] = "fake-by-address",
            ["Server"] = Server.Address.ToString(),
            ["CaData"] = Pki.AuthorityPem,
            ["Token"] = Token,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var page = await Admin.Client.GetStringAsync("/admin/clusters");
        Assert.Contains("Registered cluster fake-by-address", page);
        Assert.DoesNotContain(Token, page);

        var tested = await TestConnectionAsync(page, "fake-by-address");
        Assert.Contains("alert-success", tested);
        Assert.Contains("Kubernetes v1.30.4", tested);
        Assert.Contains(Server.Requests, r => r.Path == "/version" && r.Headers["Authorization"] == $"Bearer {Token}");
    }

    [Fact]
    public async Task RegisterByKubeconfig_ThenTest_ShowsTheServerVersion()
    {
        var registered = await Admin.PostFormAsync("/admin/clusters", "/admin/clusters/kubeconfig", new Dictionary<string, string>
        {
            ["Name"] = "fake-by-kubeconfig",
            ["Kubeconfig"] = ClusterTestData.Kubeconfig(Server.Address, Pki.AuthorityPem, Token),
            ["Context"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var page = await Admin.Client.GetStringAsync("/admin/clusters");
        Assert.Contains("kubeconfig, context <code>fake</code>", page);

        var tested = await TestConnectionAsync(page, "fake-by-kubeconfig");
        Assert.Contains("Kubernetes v1.30.4", tested);
    }

    [Fact]
    public async Task Test_NothingListening_ShowsWhyItFailed()
    {
        await Admin.PostFormAsync("/admin/clusters", "/admin/clusters", new Dictionary<string, string>
        {
            ["Name"] = "nowhere",
            ["Server"] = "https://127.0.0.1:1",
            ["Token"] = Token,
            ["InsecureSkipTlsVerify"] = "true",
        });
        var tested = await TestConnectionAsync(await Admin.Client.GetStringAsync("/admin/clusters"), "nowhere");
        Assert.Contains("alert-danger", tested);
        Assert.Contains("Connection refused: nothing accepts connections on 127.0.0.1:1", tested);
    }

    [Fact]
    public async Task Test_WrongToken_ShowsTheRefusal()
    {
        await Admin.PostFormAsync("/admin/clusters", "/admin/clusters", new Dictionary<string, string>
        {
            ["Name"] = "wrong-token",
            ["Server"] = Server.Address.ToString(),
            ["CaData"] = Pki.AuthorityPem,
            ["Token"] = "not-the-token",
        });
        var tested = await TestConnectionAsync(await Admin.Client.GetStringAsync("/admin/clusters"), "wrong-token");
        Assert.Contains("Unauthorized (401)", tested);
    }

    [Fact]
    public async Task Register_BadKubeconfig_RerendersTheFormWithTheLine()
    {
        var response = await Admin.PostFormAsync("/admin/clusters", "/admin/clusters/kubeconfig", new Dictionary<string, string>
        {
            ["Name"] = "broken",
            ["Kubeconfig"] = "apiVersion: v1\nkind: Config\ncurrent-context: missing\n",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", html);
        Assert.Contains("kubeconfig: context &quot;missing&quot; not found", html);
        Assert.Contains("current-context: missing", html); // the text is kept so it can be fixed
    }

    [Fact]
    public async Task Delete_RemovesTheClusterAndRecordsIt()
    {
        await Admin.PostFormAsync("/admin/clusters", "/admin/clusters", new Dictionary<string, string>
        {
            ["Name"] = "short-lived",
            ["Server"] = "https://api.example.test",
        });
        var page = await Admin.Client.GetStringAsync("/admin/clusters");
        var id = ClusterId(page, "short-lived");

        var deleted = await Admin.PostFormAsync("/admin/clusters", $"/admin/clusters/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        page = await Admin.Client.GetStringAsync("/admin/clusters");
        Assert.Contains("Deleted cluster short-lived.", page);
        Assert.DoesNotContain($"/admin/clusters/{id}/test", page);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var actions = await db.AuditEvents.AsNoTracking().Where(e => e.EntityId == id).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
        Assert.Equal(["cluster.registered", "cluster.deleted"], actions);
    }

    private async Task<string> TestConnectionAsync(string page, string name)
    {
        var response = await Admin.PostFormAsync("/admin/clusters", $"/admin/clusters/{ClusterId(page, name)}/test", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Admin.Client.GetStringAsync("/admin/clusters");
    }

    /// <summary>The id in the row of the named cluster, read from its test form's action.</summary>
    private static string ClusterId(string page, string name)
    {
        var row = page.Split("data-testid=\"cluster-row\"").Single(r => r.Contains($"<td>{name}</td>"));
        var marker = "action=\"/admin/clusters/";
        var start = row.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return row[start..row.IndexOf('/', start)];
    }

    /// <summary>One app, CA and loopback API server for the page tests; each test registers clusters of its own names.</summary>
    public sealed class App : IAsyncLifetime
    {
        public const string Token = "page-token-0123456789abcdef";

        public ChecklistAppFactory Factory { get; } = new();
        public TestPki Pki { get; } = new();
        public FakeKubeApiServer Server { get; private set; } = null!;
        public BrowserSession Admin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = new FakeKubeApiServer(Pki.IssueServer()) { RequiredToken = Token, GitVersion = "v1.30.4" };
            Admin = new BrowserSession(Factory.CreateNoRedirectClient());
            await Admin.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            Pki.Dispose();
            Factory.Dispose();
        }
    }
}
