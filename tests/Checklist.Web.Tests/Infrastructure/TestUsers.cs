using Checklist.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Infrastructure;

public static class TestUsers
{
    public const string Password = "test-password-1234";

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@test.local";

    /// <summary>Creates one user per role (the admin exists from start-up) through the same service the admin pages use.</summary>
    public static async Task CreateOnePerRoleAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            var result = await admin.CreateAsync(EmailFor(role), role, Password, [role], CancellationToken.None);
            Assert.True(result.Error is null || result.Conflict, result.Error);
        }
    }

    public static async Task<string> CreateAsync(IServiceProvider services, string email, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(email, email, Password, roles, CancellationToken.None);
        Assert.Null(result.Error);
        return result.User!.Id;
    }
}
