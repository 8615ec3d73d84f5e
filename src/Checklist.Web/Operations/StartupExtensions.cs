using Checklist.Core.Runbooks;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Checklist.Web.Templates;

namespace Checklist.Web.Operations;

public static class StartupExtensions
{
    /// <summary>Everything that must be true before the first request: schema migrated, checklist and runbook templates valid and loaded, roles and first admin present.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var ct = app.Lifetime.ApplicationStopping;
        await app.Services.MigrateDatabaseAsync(ct);
        await app.Services.LoadTemplatesAsync(ct);
        _ = app.Services.GetRequiredService<RunbookRenderer>();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().EnsureAsync(ct);
    }
}
