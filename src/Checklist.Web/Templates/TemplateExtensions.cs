using Checklist.Web.Operations;

namespace Checklist.Web.Templates;

public static class TemplateExtensions
{
    /// <summary>The template catalog (loaded by <see cref="StartupExtensions.PrepareAsync"/>) and its readiness check.</summary>
    public static WebApplicationBuilder AddTemplates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TemplateOptions.Resolve(builder.Configuration, builder.Environment.ContentRootPath));
        builder.Services.AddSingleton<TemplateCatalogService>();
        builder.Services.AddHealthChecks().AddCheck<TemplatesHealthCheck>("templates", tags: [OperationsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Loads the templates at start-up; an invalid template stops the app with every error listed.</summary>
    public static Task LoadTemplatesAsync(this IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<TemplateCatalogService>().LoadAsync(ct);
}
