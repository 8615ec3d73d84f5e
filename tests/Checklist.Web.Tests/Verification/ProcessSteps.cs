using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Verification;

/// <summary>The API steps the process-level tests take against an app started with <see cref="AppProcess"/>.</summary>
internal static class ProcessSteps
{
    public static HttpClient ApiClient(AppProcess app, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<Guid> RegisterAsync(HttpClient api, LiveCluster cluster)
    {
        var response = await api.PostAsJsonAsync("/api/v1/clusters", new
        {
            name = "loopback", server = cluster.Server.Address.ToString(), caData = cluster.Pki.AuthorityPem, token = LiveCluster.Token,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> CreateRunAsync(HttpClient api, Guid clusterId, string ns = "shop")
    {
        var response = await api.PostAsJsonAsync("/api/v1/runs", new
        {
            templateId = "kubernetes-production-readiness", service = "shop", version = "1.4.2", environment = "staging", clusterId, @namespace = ns,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
