using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Checklist.Web.Templates;

/// <summary>Ready only once the templates are loaded: a replica without them cannot create or show a run.</summary>
public sealed class TemplatesHealthCheck(TemplateCatalogService templates) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(templates.IsLoaded
            ? HealthCheckResult.Healthy($"{templates.Templates.Count} templates loaded: {string.Join(", ", templates.Templates.Select(t => t.Id))}.")
            : HealthCheckResult.Unhealthy($"The checklist templates from {templates.Directory} are not loaded."));
}
