using System.Diagnostics;
using System.Diagnostics.Metrics;
using Checklist.Core.Probes;
using Checklist.Core.Probes.Reporting;

namespace Checklist.Web.Operations.Metrics;

/// <summary>
/// The app's own instruments, on one <see cref="Meter"/> named "Checklist". Code that does the work calls the
/// method named for what happened; <see cref="MetricsAggregator"/> listens and <c>/metrics</c> exposes the totals.
/// Instrument names are already the Prometheus names, so the exporter does not translate them.
/// </summary>
public sealed class ChecklistMetrics
{
    public const string MeterName = "Checklist";

    // Seconds. Pages and API calls are expected in tens of milliseconds; the tail shows a slow database.
    private static readonly double[] RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    // Seconds. A verification lists every kind once: seconds on a healthy cluster, up to the client timeouts otherwise.
    private static readonly double[] VerificationBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    // Any other method (clients may send arbitrary tokens) is counted as "other" so it cannot add series.
    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    };

    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _verificationJobs;
    private readonly Histogram<double> _verificationDuration;
    private readonly Counter<long> _probeResults;
    private readonly Counter<long> _webhookDeliveries;

    public ChecklistMetrics(IMeterFactory meterFactory)
    {
        // A meter from the host's factory is scoped to this app instance, so two hosts in one process (tests)
        // never see each other's measurements.
        Meter = meterFactory.Create(MeterName);
        _requestDuration = Meter.CreateHistogram<double>("http_server_request_duration_seconds", "s",
            "Time to answer HTTP requests, by route template, method and status code.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestBuckets });
        _verificationJobs = Meter.CreateCounter<long>("checklist_verification_jobs_total", null,
            "Verification jobs finished, by result.");
        _verificationDuration = Meter.CreateHistogram<double>("checklist_verification_duration_seconds", "s",
            "Time a verification job took from start to stored results.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = VerificationBuckets });
        _probeResults = Meter.CreateCounter<long>("checklist_probe_results_total", null,
            "Probe verdicts given by verifications, by probe and verdict.");
        _webhookDeliveries = Meter.CreateCounter<long>("checklist_webhook_deliveries_total", null,
            "Webhook deliveries attempted, by result.");
    }

    public Meter Meter { get; }

    /// <summary>One answered HTTP request. <paramref name="route"/> is the route template, never the raw path.</summary>
    public void RequestCompleted(string route, string method, int status, TimeSpan duration) =>
        _requestDuration.Record(duration.TotalSeconds, new TagList
        {
            { "method", KnownMethods.Contains(method) ? method : "other" },
            { "route", route },
            { "status", status.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });

    /// <summary>A verification job finished; <paramref name="result"/> is a short fixed word such as succeeded or failed.</summary>
    public void VerificationCompleted(string result, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(result);
        _verificationJobs.Add(1, new KeyValuePair<string, object?>("result", result));
        _verificationDuration.Record(duration.TotalSeconds);
    }

    /// <summary>A probe judged an item.</summary>
    public void ProbeResult(string probe, string verdict)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(probe);
        ArgumentException.ThrowIfNullOrWhiteSpace(verdict);
        _probeResults.Add(1, new KeyValuePair<string, object?>("probe", probe), new KeyValuePair<string, object?>("verdict", verdict));
    }

    /// <summary>A probe judged an item; the verdict is spelled as the JSON contract spells it (passed, not-applicable, ...).</summary>
    public void ProbeResult(string probe, ProbeVerdict verdict) => ProbeResult(probe, VerificationReport.VerdictName(verdict));

    /// <summary>A webhook delivery was attempted; <paramref name="result"/> is a short fixed word such as delivered or failed.</summary>
    public void WebhookDelivered(string result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(result);
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("result", result));
    }
}
