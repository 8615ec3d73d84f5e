using System.Net;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Operations;

public sealed class ErrorPageTests
{
    [Fact]
    public async Task UnknownPage_SignedIn_Is404PageWithCorrelationId()
    {
        using var factory = new ChecklistAppFactory();
        var session = new BrowserSession(factory.CreateNoRedirectClient());
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var response = await session.Client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("data-testid=\"correlation-id\"", html);
    }

    [Fact]
    public async Task ServerError_ShowsCorrelationIdAndNoStackTrace()
    {
        using var factory = new ChecklistAppFactory();
        var session = new BrowserSession(factory.CreateNoRedirectClient());
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE \"ApiTokens\"");

        var response = await session.Client.GetAsync("/admin/tokens");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.Matches("data-testid=\"correlation-id\">[^<]+<", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at Checklist.", html);
    }

    [Fact]
    public async Task ServerError_OnTheApi_IsProblemDetailsWithoutStackTrace()
    {
        using var factory = new ChecklistAppFactory();
        var client = factory.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ChecklistAppFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users")).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE \"AspNetUserRoles\"");

        var response = await client.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("correlationId", body);
        Assert.DoesNotContain("Exception", body);
    }
}
