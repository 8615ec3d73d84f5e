using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges Deployments and StatefulSets whose containers declare a containerPort (workers without ports serve
/// nothing and are not judged), and every Ingress. A Service in the same namespace must select the pods (a
/// Service without a selector, or with an empty one, selects nothing). Every Ingress backend (defaultBackend and
/// each path; networking.k8s.io/v1 service.name or v1beta1 serviceName) must name a Service that exists, and with
/// requireIngressTls every host needs TLS as in ingress-tls.
/// </summary>
public sealed class ServiceExposedProbe() : Probe("service-exposed")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Deployment", "StatefulSet", "Service", "Ingress"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var requireTls = context.Arguments.GetBool("requireIngressTls");
        foreach (var template in context.Index.Templates.Where(t => t.Kind is "Deployment" or "StatefulSet"))
        {
            var declaresPorts = template.Containers.Any(c => c.IsLongRunning && c.Json["ports"] is JsonArray { Count: > 0 });
            if (!declaresPorts) continue;
            var services = context.Index.Selecting("Service", template.Namespace, "selector",
                s => LabelSelector.FromMap(s.Json["spec"]?["selector"]), template.Labels);
            context.Check(services.Count > 0, template.Owner, $"Service {string.Join(", ", services.Select(s => s.Name))} selects its pods",
                "declares container ports but no Service selects its pods",
                "Add a Service whose spec.selector matches the pod template labels.");
        }
        foreach (var ingress in context.Snapshot.OfKind("Ingress"))
        {
            var problems = new List<string>();
            foreach (var backend in Backends(ingress))
                if (context.Index.Find("Service", ingress.Namespace, backend) is null)
                    problems.Add($"backend Service {backend} does not exist");
            if (requireTls && IngressTlsProbe.UncoveredHosts(ingress) is { Count: > 0 } uncovered)
                problems.Add($"no TLS for {string.Join(", ", uncovered)}");
            context.Check(problems.Count == 0, ingress, "routes to existing Services" + (requireTls ? " over TLS" : ""), string.Join("; ", problems),
                "Point every backend at a Service in the same namespace" + (requireTls ? " and list every host under spec.tls with a secretName." : "."));
        }
        return context.Result("There are no Deployments or StatefulSets with container ports, and no Ingresses.");
    }

    private static IEnumerable<string> Backends(KubeObject ingress)
    {
        var spec = ingress.Json["spec"];
        var backends = new List<JsonNode?> { spec?["defaultBackend"], spec?["backend"] };
        foreach (var rule in JsonRead.Objects(spec?["rules"]))
            foreach (var path in JsonRead.Objects(rule["http"]?["paths"]))
                backends.Add(path["backend"]);
        return backends
            .Select(b => JsonRead.String(b?["service"]?["name"]) ?? JsonRead.String(b?["serviceName"]))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
    }
}
