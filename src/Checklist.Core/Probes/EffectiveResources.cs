using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes;

/// <summary>
/// A container's requests and limits as the API server will see them after defaulting: a missing request takes the
/// container's own limit, then the namespace LimitRange's default request; a missing limit takes the LimitRange's
/// default. Judging the declared values alone would fail containers that Kubernetes gives perfectly good values.
/// </summary>
public sealed class EffectiveResources
{
    private EffectiveResources(ContainerSpec container, LimitRangeDefaults defaults)
    {
        var resources = container.Json["resources"];
        _declaredRequests = resources?["requests"] as JsonObject;
        _declaredLimits = resources?["limits"] as JsonObject;
        _defaults = defaults;
    }

    private readonly JsonObject? _declaredRequests;
    private readonly JsonObject? _declaredLimits;
    private readonly LimitRangeDefaults _defaults;

    public static EffectiveResources Of(ContainerSpec container, LimitRangeDefaults defaults) => new(container, defaults);

    public decimal? Request(string resource) =>
        ResourceQuantity.Parse(_declaredRequests?[resource]) ?? ResourceQuantity.Parse(_declaredLimits?[resource]) ?? _defaults.Request(resource);

    public decimal? Limit(string resource) => ResourceQuantity.Parse(_declaredLimits?[resource]) ?? _defaults.Limit(resource);

    /// <summary>Where the request comes from, for the finding's message.</summary>
    public string RequestOrigin(string resource) =>
        ResourceQuantity.Parse(_declaredRequests?[resource]) is not null ? "declared"
        : ResourceQuantity.Parse(_declaredLimits?[resource]) is not null ? "taken from its limit"
        : _defaults.Request(resource) is not null ? "from the namespace LimitRange" : "missing";

    public string LimitOrigin(string resource) =>
        ResourceQuantity.Parse(_declaredLimits?[resource]) is not null ? "declared"
        : _defaults.Limit(resource) is not null ? "from the namespace LimitRange" : "missing";

    /// <summary>A quantity written the way manifests write it: cpu in cores or millicores, memory with a binary suffix.</summary>
    public static string Show(string resource, decimal? quantity)
    {
        if (quantity is not { } q) return "none";
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (resource == "cpu") return q < 1 ? (q * 1000).ToString("0.###", culture) + "m" : q.ToString("0.###", culture);
        foreach (var (suffix, factor) in new[] { ("Ti", 1024m * 1024 * 1024 * 1024), ("Gi", 1024m * 1024 * 1024), ("Mi", 1024m * 1024), ("Ki", 1024m) })
            if (q >= factor && q % factor == 0) return (q / factor).ToString("0", culture) + suffix;
        return q.ToString("0.###", culture);
    }
}
