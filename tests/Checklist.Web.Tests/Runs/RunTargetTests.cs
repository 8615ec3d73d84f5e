using System.Net;
using System.Net.Http.Headers;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Runs;

/// <summary>A run targets a registered cluster (chosen on the form or given by id), never an unknown one.</summary>
public sealed class RunTargetTests
{
    private static async Task<Guid> RegisterClusterAsync(RunsTestApp app)
    {
        var admin = app.Factory.CreateNoRedirectClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        var cluster = await admin.PostJsonAsync("/api/v1/clusters", new { name = "prod-eu", server = "https://127.0.0.1:6443", token = "a-reader-token-0123456789", insecureSkipTlsVerify = true })
            .ExpectAsync(HttpStatusCode.Created);
        return cluster.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task CreateForm_WithARegisteredCluster_TargetsIt()
    {
        using var app = await RunsTestApp.StartAsync();
        var clusterId = await RegisterClusterAsync(app);
        var rm = await app.SignInAsync(RunsTestApp.Rm1);
        Assert.Contains("prod-eu", await rm.Client.GetStringAsync("/runs/new"));

        var response = await rm.PostFormAsync("/runs/new", "/runs/new", new Dictionary<string, string>
        {
            ["TemplateId"] = RunsTestApp.Template, ["Service"] = "checkout", ["Version"] = "2.0.1", ["Environment"] = "staging",
            ["ClusterId"] = clusterId.ToString(), ["Namespace"] = "checkout", ["DeployKind"] = "kubectl-apply",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var runId = response.Headers.Location!.OriginalString["/runs/".Length..];
        var run = await (await app.ApiAsync(RunsTestApp.Rm1)).GetJsonAsync($"/api/v1/runs/{runId}");
        Assert.Equal(clusterId, run.GetProperty("target").GetProperty("clusterId").GetGuid());
    }

    [Fact]
    public async Task CreateApi_UnknownCluster_Is400NamingIt()
    {
        using var app = await RunsTestApp.StartAsync();
        var unknown = Guid.NewGuid();
        var problem = await (await app.ApiAsync(RunsTestApp.Rm1)).PostJsonAsync("/api/v1/runs", new
        {
            templateId = RunsTestApp.Template, service = "shop", version = "1.0.0", environment = "staging", clusterId = unknown, @namespace = "shop",
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"no registered cluster has the id {unknown}", problem.Str("detail"));
    }
}
