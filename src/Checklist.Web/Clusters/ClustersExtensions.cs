using Checklist.Core.Kubernetes.Client;
using Checklist.Web.Operations;

namespace Checklist.Web.Clusters;

public static class ClustersExtensions
{
    /// <summary>Registered clusters, their encrypted credentials, and how patient the Kubernetes client is.</summary>
    public static WebApplicationBuilder AddClusters(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ReadClientOptions(builder.Configuration));
        builder.Services.AddSingleton<ClusterSecrets>();
        builder.Services.AddScoped<ClusterService>();
        return builder;
    }

    private static KubeClientOptions ReadClientOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection("Checklist:Kubernetes");
        var timeout = Positive(section, "RequestTimeoutSeconds", 10);
        var attempts = Positive(section, "MaxAttempts", 4);
        return new KubeClientOptions(requestTimeout: TimeSpan.FromSeconds(timeout), maxAttempts: attempts);
    }

    private static int Positive(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw new StartupException($"{section.Path}:{key} must be a positive whole number, not '{text}'.");
    }
}
