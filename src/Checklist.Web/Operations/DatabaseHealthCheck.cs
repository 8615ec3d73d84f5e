using Checklist.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Checklist.Web.Operations;

public sealed class DatabaseHealthCheck(ChecklistDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"The database cannot be reached: {ex.GetBaseException().Message}");
        }
    }
}
