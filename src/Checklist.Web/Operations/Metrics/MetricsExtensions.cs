using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Checklist.Web.Operations.Metrics;

public static class MetricsExtensions
{
    public const string Path = "/metrics";

    /// <summary>The instruments, the aggregating listener and the database gauges behind <c>/metrics</c>.</summary>
    public static WebApplicationBuilder AddMetricsExporter(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (options.Port is < 1 or > 65535)
            throw new StartupException($"Checklist:Metrics:Port must be a TCP port (1-65535), not {options.Port}.");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ChecklistMetrics>();
        builder.Services.AddSingleton<MetricsAggregator>();
        builder.Services.AddScoped<DatabaseGauges>();
        return builder;
    }

    /// <summary>Times every request; call it first so that it sees the status the client gets.</summary>
    public static WebApplication UseRequestMetrics(this WebApplication app)
    {
        // Start listening now: a listener created at the first scrape would miss everything before it.
        app.Services.GetRequiredService<MetricsAggregator>();
        app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MetricsOptions>();
        var endpoint = app.MapGet(Path, async (HttpContext context, MetricsAggregator aggregator, DatabaseGauges gauges) =>
            {
                if (options.Port is { } port && context.Connection.LocalPort != port) return Results.NotFound();
                var writer = new PrometheusTextWriter();
                aggregator.WriteTo(writer);
                await gauges.WriteAsync(writer, context.RequestAborted);
                return Results.Text(writer.ToString(), PrometheusTextWriter.ContentType);
            })
            .ExcludeFromDescription();
        if (options.RequireAuthentication)
            endpoint.RequireAuthorization(new AuthorizeAttribute(AuthorizationPolicies.Read) { AuthenticationSchemes = ApiTokenAuthenticationHandler.SchemeName });
        else
            endpoint.AllowAnonymous();
        return app;
    }
}
