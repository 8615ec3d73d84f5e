namespace Checklist.Web.Operations.Metrics;

/// <summary>Bound from <c>Checklist:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Checklist:Metrics";

    /// <summary>
    /// False (the default): anyone who reaches <c>/metrics</c> may read it, as a Prometheus inside the cluster
    /// expects. True: it needs an API token of any role (<c>Authorization: Bearer</c>).
    /// </summary>
    public bool RequireAuthentication { get; set; }

    /// <summary>
    /// When set, <c>/metrics</c> answers only on this local port (list it in ASPNETCORE_HTTP_PORTS too), so an
    /// Ingress that forwards the main port never exposes it. Unset: every port serves it.
    /// </summary>
    public int? Port { get; set; }
}
