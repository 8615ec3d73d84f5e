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

    public bool Declares(string resource) =>
        _declaredRequests?[resource] is not null || _declaredLimits?[resource] is not null;

    public static string Show(decimal? quantity) => quantity?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
