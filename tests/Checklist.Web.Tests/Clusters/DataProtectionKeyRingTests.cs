using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checklist.Core.Tests.Kubernetes.Client;
using Checklist.Web.Clusters;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Clusters;

/// <summary>
/// The Data Protection key ring lives in the database: two app instances on one PostgreSQL database (two replicas)
/// accept each other's sign-in cookies and decrypt each other's stored cluster credentials.
/// </summary>
public sealed class DataProtectionKeyRingTests
{
    [Fact]
    public async Task Cookie_IssuedByOneReplica_AuthenticatesOnAnother()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        using var first = new ChecklistAppFactory(postgresConnectionString: database);
        using var second = new ChecklistAppFactory(postgresConnectionString: database);
        using var elsewhere = new ChecklistAppFactory();

        var cookie = await SignInCookieAsync(first);

        var onSecond = await GetWithCookieAsync(second, cookie);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains(ChecklistAppFactory.AdminEmail, await onSecond.Content.ReadAsStringAsync());

        // A replica with another database (so another key ring) must not accept it: the test can tell the difference.
        var onElsewhere = await GetWithCookieAsync(elsewhere, cookie);
        Assert.Equal(HttpStatusCode.Redirect, onElsewhere.StatusCode);
        Assert.Contains("/account/login", onElsewhere.Headers.Location?.OriginalString);

        await using var scope = first.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.Single(keys);
        Assert.Contains("<key id=", keys[0].Xml);
    }

    [Fact]
    public async Task ClusterCredentials_RegisteredOnOneReplica_AreUsableOnAnother()
    {
        using var pki = new TestPki();
        await using var server = new FakeKubeApiServer(pki.IssueServer()) { RequiredToken = "replica-token-0123456789" };
        var database = await PostgresServer.CreateDatabaseAsync();
        using var first = new ChecklistAppFactory(postgresConnectionString: database);
        using var second = new ChecklistAppFactory(postgresConnectionString: database);

        var admin = first.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        var created = await admin.PostAsJsonAsync("/api/v1/clusters", new
        {
            name = "shared", server = server.Address.ToString(), caData = pki.AuthorityPem, token = "replica-token-0123456789",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("id").GetGuid();

        await using var scope = second.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ClusterService>().TestAsync(id, CancellationToken.None);
        Assert.True(result.Ok, result.Message);
        Assert.Equal("v1.31.2", result.ServerVersion);
    }

    /// <summary>Signs in by hand (no cookie container) and returns the sign-in cookie as a Cookie header value.</summary>
    private static async Task<string> SignInCookieAsync(ChecklistAppFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/login");
        var antiforgeryCookie = Cookies(form).Single(c => c.StartsWith("checklist.antiforgery=", StringComparison.Ordinal));
        var html = await form.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = ChecklistAppFactory.AdminEmail,
                ["Password"] = ChecklistAppFactory.AdminPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(signedIn).Single(c => c.StartsWith("checklist.auth=", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    private static async Task<HttpResponseMessage> GetWithCookieAsync(ChecklistAppFactory factory, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
