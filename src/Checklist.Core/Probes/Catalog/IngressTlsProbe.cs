using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every Ingress. Each rule host must be listed in a spec.tls entry that names a secretName (a wildcard
/// entry such as *.example.com covers exactly one label). Rules without a host, and an Ingress with only a
/// defaultBackend, need a spec.tls entry with a secretName.
/// </summary>
public sealed class IngressTlsProbe() : Probe("ingress-tls")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Ingress"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var ingress in context.Snapshot.OfKind("Ingress"))
        {
            var uncovered = UncoveredHosts(ingress);
            context.Check(uncovered.Count == 0, ingress, "every host is served over TLS",
                $"no TLS with a secretName for {string.Join(", ", uncovered)}",
                "List every host under spec.tls with the secretName of its certificate.");
        }
        return context.Result("There are no Ingresses.");
    }

    /// <summary>The hosts of an Ingress that no spec.tls entry with a secretName covers ("(any host)" for hostless rules).</summary>
    internal static IReadOnlyList<string> UncoveredHosts(KubeObject ingress)
    {
        var spec = ingress.Json["spec"];
        var tls = JsonRead.Objects(spec?["tls"]).Where(t => !string.IsNullOrEmpty(JsonRead.String(t["secretName"]))).ToList();
        var tlsHosts = tls.SelectMany(t => JsonRead.Strings(t["hosts"])).ToList();
        var rules = JsonRead.Objects(spec?["rules"]).ToList();
        var hosts = rules.Select(r => JsonRead.String(r["host"])).ToList();
        if (rules.Count == 0 && spec?["defaultBackend"] is not null) hosts.Add(null);
        var uncovered = new List<string>();
        foreach (var host in hosts.Distinct())
        {
            var covered = host is null ? tls.Count > 0 : tlsHosts.Any(t => Covers(t, host));
            if (!covered) uncovered.Add(host ?? "(any host)");
        }
        return uncovered;
    }

    private static bool Covers(string tlsHost, string host)
    {
        if (string.Equals(tlsHost, host, StringComparison.OrdinalIgnoreCase)) return true;
        if (!tlsHost.StartsWith("*.", StringComparison.Ordinal)) return false;
        var dot = host.IndexOf('.');
        return dot > 0 && string.Equals(host[(dot + 1)..], tlsHost[2..], StringComparison.OrdinalIgnoreCase);
    }
}
