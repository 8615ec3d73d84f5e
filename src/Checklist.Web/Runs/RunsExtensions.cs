using Checklist.Core.Runbooks;
using Checklist.Web.Operations;
using Checklist.Web.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Checklist.Web.Runs;

public static class RunsExtensions
{
    /// <summary>
    /// Runs: the services that change and read them, evidence storage and upload limits, the runbook renderer
    /// (loaded and checked here, so a broken runbook template stops start-up with its file:line:column), and
    /// the webhook outbox with its dispatcher.
    /// </summary>
    public static WebApplicationBuilder AddRuns(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var evidence = configuration.GetSection(EvidenceOptions.Section).Get<EvidenceOptions>() ?? new EvidenceOptions();
        if (evidence.MaxFileBytes <= 0)
            throw new StartupException($"{EvidenceOptions.Section}:MaxFileBytes must be a positive number of bytes, not {evidence.MaxFileBytes}.");
        builder.Services.AddSingleton(evidence);
        // Uploads raise their own request's limit as they start; these cover anything reading a form before that.
        var bodyLimit = evidence.MaxFileBytes + EvidenceUploadReader.FormOverheadBytes;
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = Math.Max(o.MultipartBodyLengthLimit, bodyLimit));
        builder.Services.Configure<KestrelServerOptions>(o =>
        {
            if (o.Limits.MaxRequestBodySize is { } limit && limit < bodyLimit) o.Limits.MaxRequestBodySize = bodyLimit;
        });

        var runbooks = RunbookOptions.Resolve(configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(runbooks);
        // Loaded on first use; Operations/StartupExtensions asks for it at start, after the checklist templates,
        // so a broken runbook template stops start-up with its file and line.
        builder.Services.AddSingleton(_ => LoadRenderer(runbooks));

        var webhooks = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        if (webhooks.MaxAttempts < 1)
            throw new StartupException($"{WebhookOptions.Section}:MaxAttempts must be at least 1, not {webhooks.MaxAttempts}.");
        builder.Services.AddSingleton(webhooks);
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName);
        builder.Services.AddHostedService<WebhookDispatcher>();

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<MarkdownHtmlCache>();
        builder.Services.AddSingleton<EvidenceUploadReader>();
        builder.Services.AddScoped<EvidenceStore>();
        builder.Services.AddScoped<RunbookService>();
        builder.Services.AddScoped<RunQueries>();
        builder.Services.AddScoped<RunService>();
        builder.Services.AddScoped<WaiverExpirySweep>();
        builder.Services.AddScoped<WebhookOutbox>();
        builder.Services.AddScoped<WebhookAdministration>();
        // Replaced by the verification feature once it records facts; until then runbooks say the facts are unknown.
        builder.Services.TryAddScoped<RunTargetFactsSource>(_ => (_, _) => Task.FromResult<RunTargetFacts?>(null));
        return builder;
    }

    private static RunbookRenderer LoadRenderer(RunbookOptions options)
    {
        try
        {
            return new RunbookRenderer(options.TemplateDirectory, options.OverrideDirectory);
        }
        catch (RunbookTemplateException ex)
        {
            throw new StartupException(
                $"the runbook templates cannot be loaded ({RunbookOptions.Section}:TemplateDirectory is {options.TemplateDirectory}" +
                (options.OverrideDirectory is null ? "" : $", OverrideDirectory {options.OverrideDirectory}") + $"): {ex.Message}", ex);
        }
    }
}
