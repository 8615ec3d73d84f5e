using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Security;

public sealed class ApiTokenTests : IDisposable
{
    private readonly ChecklistAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private HttpClient Client(string? token = null)
    {
        var client = _factory.CreateNoRedirectClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenForAsync(string email, string password)
    {
        var response = await Client().PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        return body.GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task AdminToken_FromEnvironment_Authenticates()
    {
        var response = await Client(ChecklistAppFactory.AdminToken).GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var users = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == ChecklistAppFactory.AdminEmail);
    }

    [Fact]
    public async Task AuthToken_RightCredentials_IssuesATokenStoredOnlyAsItsHash()
    {
        var token = await TokenForAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v1/users")).StatusCode);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var stored = await db.ApiTokens.AsNoTracking().ToListAsync();
        Assert.Contains(stored, t => t.Hash == ApiTokenService.Hash(token));
        Assert.DoesNotContain(stored, t => t.Hash.Contains(token) || token.Contains(t.Hash));
    }

    [Fact]
    public async Task AuthToken_WrongPassword_IsProblem401()
    {
        var response = await Client().PostAsJsonAsync("/api/v1/auth/token", new { email = ChecklistAppFactory.AdminEmail, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Wrong email or password", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AuthToken_MissingFields_IsProblem400()
    {
        var response = await Client().PostAsJsonAsync("/api/v1/auth/token", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_WithoutToken_Is401Problem_AndACookieDoesNotCount()
    {
        var session = new BrowserSession(_factory.CreateNoRedirectClient());
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var response = await session.Client.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_RevokedToken_IsRefused()
    {
        var token = await TokenForAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            var id = (await db.ApiTokens.SingleAsync(t => t.Hash == ApiTokenService.Hash(token))).Id;
            Assert.True(await tokens.RevokeAsync(id, CancellationToken.None));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task Api_ExpiredToken_IsRefused()
    {
        const string secret = "clk_expired-token-for-the-test";
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            var admin = await db.Users.SingleAsync(u => u.Email == ChecklistAppFactory.AdminEmail);
            var created = DateTimeOffset.UtcNow.AddDays(-2);
            db.ApiTokens.Add(new ApiToken(admin.Id, "old", ApiTokenService.Hash(secret), "clk_expire", created, created.AddDays(1)));
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(secret).GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task CreateUser_AsAdmin_Returns201AndTheUserCanGetAToken()
    {
        var response = await Client(ChecklistAppFactory.AdminToken).PostAsJsonAsync("/api/v1/users",
            new { email = "rm@test.local", password = "release-manager-pw", roles = new[] { "ReleaseManager" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rm@test.local", body.GetProperty("email").GetString());
        Assert.Equal(["ReleaseManager"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await TokenForAsync("rm@test.local", "release-manager-pw");
    }

    [Fact]
    public async Task CreateUser_UnknownRole_Is400NamingTheRole()
    {
        var response = await Client(ChecklistAppFactory.AdminToken).PostAsJsonAsync("/api/v1/users",
            new { email = "x@test.local", password = "a-long-password", roles = new[] { "Wizard" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Wizard", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateUser_Duplicate_Is409()
    {
        var client = Client(ChecklistAppFactory.AdminToken);
        var request = new { email = "twice@test.local", password = "a-long-password", roles = new[] { "Engineer" } };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/users", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/users", request)).StatusCode);
    }

    [Fact]
    public async Task CreateUser_AsEngineer_Is403()
    {
        await TestUsers.CreateAsync(_factory.Services, "eng@test.local", Roles.Engineer);
        var token = await TokenForAsync("eng@test.local", TestUsers.Password);
        var response = await Client(token).PostAsJsonAsync("/api/v1/users",
            new { email = "y@test.local", password = "a-long-password", roles = new[] { "Admin" } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AdminTokensPage_CreatesATokenShownOnce()
    {
        var session = new BrowserSession(_factory.CreateNoRedirectClient());
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        string adminId;
        await using (var scope = _factory.Services.CreateAsyncScope())
            adminId = (await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().Users.SingleAsync()).Id;

        var created = await session.PostFormAsync("/admin/tokens", "/admin/tokens", new Dictionary<string, string>
        {
            ["UserId"] = adminId, ["Name"] = "ci pipeline", ["LifetimeDays"] = "7",
        });
        var html = await created.Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"new-token\">(clk_[^<]+)<").Groups[1].Value;
        Assert.StartsWith("clk_", secret);
        Assert.Equal(HttpStatusCode.OK, (await Client(secret).GetAsync("/api/v1/users")).StatusCode);
        Assert.DoesNotContain(secret, await session.Client.GetStringAsync("/admin/tokens"));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        var document = await Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/users", out _));
    }
}
