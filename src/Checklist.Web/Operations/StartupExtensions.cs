using Checklist.Web.Data;
using Checklist.Web.Security;

namespace Checklist.Web.Operations;

public static class StartupExtensions
{
    /// <summary>Everything that must be true before the first request: schema migrated, roles and first admin present.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var ct = app.Lifetime.ApplicationStopping;
        await app.Services.MigrateDatabaseAsync(ct);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAsync(ct);
    }
}
