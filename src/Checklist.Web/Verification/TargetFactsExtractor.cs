using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;
using Checklist.Core.Runbooks;

namespace Checklist.Web.Verification;

/// <summary>What a verification's snapshot showed about the release, kept with the verification for the runbook.</summary>
public sealed record TargetFactsDocument(RunbookFacts Facts, IReadOnlyList<RunbookImage> Images)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TargetFactsDocument? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TargetFactsDocument>(json, Json);
}

/// <summary>
/// Reads the runbook's facts out of a snapshot: workloads with their live and previous revisions, volumes, Velero
/// schedules covering the namespace, services, ingress hosts, the Helm release (from its release Secrets' labels,
/// never their data) and the deployed images.
/// </summary>
public static partial class TargetFactsExtractor
{
    private const string DeploymentRevision = "deployment.kubernetes.io/revision";

    public static TargetFactsDocument Extract(ClusterSnapshot snapshot)
    {
        var facts = new RunbookFacts
        {
            SnapshotAt = snapshot.TakenAt,
            Workloads = Workloads(snapshot),
            Pvcs = Pvcs(snapshot),
            VeleroSchedules = VeleroSchedules(snapshot),
            Services = snapshot.OfKind("Service").Select(s => new ServiceFact
            {
                Name = s.Name,
                Type = JsonRead.String(s.Json["spec"]?["type"]) ?? "ClusterIP",
                Ports = JsonRead.Objects(s.Json["spec"]?["ports"])
                    .Where(p => JsonRead.Integer(p["port"]) is not null)
                    .Select(p => new ServicePortFact { Port = (int)JsonRead.Integer(p["port"])!.Value, Name = JsonRead.String(p["name"]) })
                    .ToList(),
            }).ToList(),
            Ingresses = snapshot.OfKind("Ingress").Select(i => new IngressFact
            {
                Name = i.Name,
                Hosts = JsonRead.Objects(i.Json["spec"]?["rules"]).Select(r => JsonRead.String(r["host"])).OfType<string>().Distinct().ToList(),
                TlsHosts = JsonRead.Objects(i.Json["spec"]?["tls"]).SelectMany(t => JsonRead.Strings(t["hosts"])).Distinct().ToList(),
            }).ToList(),
            HelmRelease = HelmRelease(snapshot),
        };
        var images = PodTemplateReader.Enumerate(snapshot)
            .Where(t => t.Kind is not ("Pod" or "ReplicaSet")) // owned copies of the workloads' own templates
            .SelectMany(t => t.DeclaredContainers.Where(c => c.Image is not null).Select(c => new RunbookImage
            {
                Reference = c.Image!,
                Digest = c.Image!.Contains('@') ? c.Image[(c.Image.IndexOf('@') + 1)..] : null,
                Workload = $"{t.Kind}/{t.Owner.Name}",
                Container = c.Name,
            }))
            .ToList();
        return new TargetFactsDocument(facts, images);
    }

    private static List<WorkloadFact> Workloads(ClusterSnapshot snapshot)
    {
        var replicaSets = snapshot.OfKind("ReplicaSet");
        var facts = new List<WorkloadFact>();
        foreach (var deployment in snapshot.OfKind("Deployment"))
        {
            var current = Revision(deployment);
            // The ReplicaSets a Deployment owns keep its revision history: the newest one below the live revision is where a rollback goes.
            var previous = replicaSets
                .Where(rs => JsonRead.Objects(rs.Json["metadata"]?["ownerReferences"]).Any(o => JsonRead.String(o["kind"]) == "Deployment" && JsonRead.String(o["name"]) == deployment.Name))
                .Select(Revision).OfType<int>().Where(r => current is null || r < current).OrderDescending().Cast<int?>().FirstOrDefault();
            facts.Add(new WorkloadFact { Kind = WorkloadKind.Deployment, Name = deployment.Name, CurrentRevision = current, PreviousRevision = previous, Replicas = Replicas(deployment) });
        }
        facts.AddRange(snapshot.OfKind("StatefulSet").Select(s => new WorkloadFact { Kind = WorkloadKind.StatefulSet, Name = s.Name, Replicas = Replicas(s) }));
        facts.AddRange(snapshot.OfKind("DaemonSet").Select(d => new WorkloadFact { Kind = WorkloadKind.DaemonSet, Name = d.Name }));
        return facts;
    }

    private static List<PvcFact> Pvcs(ClusterSnapshot snapshot)
    {
        var pvcs = snapshot.OfKind("PersistentVolumeClaim").Select(p => new PvcFact
        {
            Name = p.Name,
            StorageClass = JsonRead.String(p.Json["spec"]?["storageClassName"]),
            Size = JsonRead.IntOrString(p.Json["spec"]?["resources"]?["requests"]?["storage"]),
            AccessModes = JsonRead.Strings(p.Json["spec"]?["accessModes"]),
            StatefulSet = snapshot.OfKind("StatefulSet").FirstOrDefault(s => ClaimNames(s).Any(c => p.Name.StartsWith($"{c}-{s.Name}-", StringComparison.Ordinal)))?.Name,
        }).ToList();
        // Before the first deploy (manifests) the claims exist only as a StatefulSet's templates.
        foreach (var statefulSet in snapshot.OfKind("StatefulSet"))
            foreach (var template in JsonRead.Objects(statefulSet.Json["spec"]?["volumeClaimTemplates"]))
            {
                var name = JsonRead.String(template["metadata"]?["name"]);
                if (name is null || pvcs.Any(p => p.StatefulSet == statefulSet.Name && p.Name.StartsWith($"{name}-", StringComparison.Ordinal))) continue;
                pvcs.Add(new PvcFact
                {
                    Name = $"{name}-{statefulSet.Name}-0",
                    StorageClass = JsonRead.String(template["spec"]?["storageClassName"]),
                    Size = JsonRead.IntOrString(template["spec"]?["resources"]?["requests"]?["storage"]),
                    AccessModes = JsonRead.Strings(template["spec"]?["accessModes"]),
                    StatefulSet = statefulSet.Name,
                });
            }
        return pvcs;
    }

    private static List<VeleroScheduleFact> VeleroSchedules(ClusterSnapshot snapshot) =>
        snapshot.OfKind("Schedule")
            .Where(s => s.ApiVersion.StartsWith("velero.io/", StringComparison.Ordinal))
            .Where(s =>
            {
                var included = JsonRead.Strings(s.Json["spec"]?["template"]?["includedNamespaces"]);
                return included.Count == 0 || included.Contains("*") || (snapshot.TargetNamespace is { } ns && included.Contains(ns));
            })
            .Where(s => JsonRead.String(s.Json["spec"]?["schedule"]) is not null)
            .Select(s => new VeleroScheduleFact
            {
                Name = s.Name,
                Schedule = JsonRead.String(s.Json["spec"]?["schedule"])!,
                Ttl = JsonRead.String(s.Json["spec"]?["template"]?["ttl"]),
                VeleroNamespace = s.Namespace ?? "velero",
            })
            .ToList();

    /// <summary>Helm keeps each revision in a Secret named sh.helm.release.v1.NAME.vREVISION, labelled with name, version and status.</summary>
    private static HelmReleaseFact? HelmRelease(ClusterSnapshot snapshot)
    {
        var revisions = snapshot.OfKind("Secret")
            .Where(s => s.Labels.GetValueOrDefault("owner") == "helm" && HelmSecretName().IsMatch(s.Name))
            .Select(s => (Name: s.Labels.GetValueOrDefault("name") ?? HelmSecretName().Match(s.Name).Groups[1].Value,
                Revision: int.TryParse(s.Labels.GetValueOrDefault("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null,
                Status: s.Labels.GetValueOrDefault("status")))
            .Where(r => r.Revision is not null)
            .ToList();
        if (revisions.Count == 0) return null;
        // With several releases in the namespace, the one with the newest deployed revision is taken.
        var current = revisions.Where(r => r.Status == "deployed").OrderByDescending(r => r.Revision).FirstOrDefault();
        if (current.Name is null) current = revisions.OrderByDescending(r => r.Revision).First();
        var previous = revisions.Where(r => r.Name == current.Name && r.Revision < current.Revision).OrderByDescending(r => r.Revision).Select(r => r.Revision).FirstOrDefault();
        return new HelmReleaseFact { Name = current.Name, CurrentRevision = current.Revision, PreviousRevision = previous };
    }

    private static int? Revision(KubeObject obj) =>
        int.TryParse(obj.Annotations.GetValueOrDefault(DeploymentRevision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    private static int? Replicas(KubeObject obj) => (int?)(JsonRead.Integer(obj.Json["spec"]?["replicas"]) ?? 1);

    private static IEnumerable<string> ClaimNames(KubeObject statefulSet) =>
        JsonRead.Objects(statefulSet.Json["spec"]?["volumeClaimTemplates"]).Select(t => JsonRead.String(t["metadata"]?["name"])).OfType<string>();

    [GeneratedRegex(@"^sh\.helm\.release\.v1\.(.+)\.v\d+$")]
    private static partial Regex HelmSecretName();
}
