using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges long-running pod templates (Jobs and CronJobs are skipped: they are not scraped). A workload is scraped
/// when a PodMonitor selects its pods, when a ServiceMonitor selects a Service that selects its pods, or when its
/// pod template (or such a Service) carries prometheus.io/scrape: "true". Monitors look in their own namespace
/// unless namespaceSelector says any: true or lists the namespace. When the cluster is known not to serve
/// monitoring.coreos.com, only the annotations can pass; with none at all the probe is not applicable and says why.
/// </summary>
public sealed class MonitoringScrapeProbe() : Probe("monitoring-scrape")
{
    private const string Group = "monitoring.coreos.com";
    private const string ScrapeAnnotation = "prometheus.io/scrape";

    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => snapshot.MayServe(Group)
        ? [.. PodTemplateReader.WorkloadKinds, "Service", "ServiceMonitor", "PodMonitor"]
        : [.. PodTemplateReader.WorkloadKinds, "Service"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var served = context.Snapshot.MayServe(Group);
        var templates = context.Index.Templates.Where(t => t.IsLongRunning).ToList();
        if (!served && templates.All(t => !Annotated(t.Annotations) && !ServicesOf(context, t).Any(s => Annotated(s.Annotations))))
            return context.NotApplicable($"The cluster does not serve {Group} (no Prometheus Operator) and no workload carries {ScrapeAnnotation} annotations; show monitoring another way and sign the item off.");
        foreach (var template in templates)
        {
            var services = ServicesOf(context, template);
            var podMonitor = served
                ? MonitorsSelecting(context, "PodMonitor", template.Labels).FirstOrDefault(m => Watches(m, template.Namespace))
                : null;
            var viaService = served
                ? services.SelectMany(s => MonitorsSelecting(context, "ServiceMonitor", s.Labels).Where(m => Watches(m, s.Namespace)).Select(m => (Monitor: m, Service: s))).FirstOrDefault()
                : default;
            var annotatedService = services.FirstOrDefault(s => Annotated(s.Annotations));
            if (podMonitor is not null) context.Pass(template.Owner, $"PodMonitor {podMonitor.Namespace}/{podMonitor.Name} scrapes its pods");
            else if (viaService.Monitor is not null) context.Pass(template.Owner, $"ServiceMonitor {viaService.Monitor.Namespace}/{viaService.Monitor.Name} scrapes it through Service {viaService.Service.Name}");
            else if (Annotated(template.Annotations)) context.Pass(template.Owner, $"its pods carry {ScrapeAnnotation}: \"true\"");
            else if (annotatedService is not null) context.Pass(template.Owner, $"Service {annotatedService.Name} carries {ScrapeAnnotation}: \"true\"");
            else
                context.Fail(template.Owner, "nothing scrapes its metrics (no PodMonitor, no ServiceMonitor through a Service, no scrape annotation)",
                    served ? "Add a ServiceMonitor selecting its Service (or a PodMonitor selecting its pods)." : $"Annotate the pod template with {ScrapeAnnotation}: \"true\" (and prometheus.io/port).");
        }
        return context.Result("There are no long-running workloads to scrape.");
    }

    private static IReadOnlyList<KubeObject> ServicesOf(ProbeContext context, PodTemplate template) =>
        context.Index.Selecting("Service", template.Namespace, "selector", s => LabelSelector.FromMap(s.Json["spec"]?["selector"]), template.Labels);

    /// <summary>Monitors of the operator's group whose selector matches the labels, from an index built once per snapshot.</summary>
    private static IEnumerable<KubeObject> MonitorsSelecting(ProbeContext context, string kind, IReadOnlyDictionary<string, string> labels) =>
        context.Index.SelectingAnywhere(kind, "monitor", m => m.Group == Group ? LabelSelector.FromLabelSelector(m.Json["spec"]?["selector"]) : LabelSelector.Nothing, labels);

    private static bool Annotated(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(ScrapeAnnotation, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static bool Watches(KubeObject monitor, string? ns)
    {
        var selector = monitor.Json["spec"]?["namespaceSelector"];
        if (JsonRead.IsTrue(selector?["any"])) return true;
        var names = JsonRead.Strings(selector?["matchNames"]);
        return names.Count == 0 ? monitor.Namespace == ns : ns is not null && names.Contains(ns);
    }
}
