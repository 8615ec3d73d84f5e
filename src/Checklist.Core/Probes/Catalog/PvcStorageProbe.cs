using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges PersistentVolumeClaims and StatefulSet volumeClaimTemplates. Each must request storage and, with
/// requireStorageClass, set storageClassName (an explicit "" counts: it asks for static binding on purpose).
/// A ReadWriteOnce or ReadWriteOncePod claim mounted by a workload that can run more than one pod (HPA-aware: the
/// HPA's maxReplicas), or by several workloads, fails: only one node (pod) can mount it. StatefulSet templates give
/// every pod its own claim and never share. Not applicable without claims or templates.
/// </summary>
public sealed class PvcStorageProbe() : Probe("pvc-storage")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "PersistentVolumeClaim", "HorizontalPodAutoscaler"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var requireClass = context.Arguments.GetBool("requireStorageClass");
        var mounts = context.Index.Templates
            .SelectMany(t => JsonRead.Objects(t.PodSpec["volumes"])
                .Select(v => JsonRead.String(v["persistentVolumeClaim"]?["claimName"]))
                .OfType<string>()
                .Select(claim => (Claim: claim, Template: t)))
            .ToLookup(m => (m.Template.Namespace, m.Claim), m => m.Template);
        foreach (var claim in context.Snapshot.OfKind("PersistentVolumeClaim"))
        {
            var problems = SpecProblems(claim.Json["spec"], requireClass);
            var modes = JsonRead.Strings(claim.Json["spec"]?["accessModes"]);
            if (modes.Count > 0 && modes.All(m => m is "ReadWriteOnce" or "ReadWriteOncePod"))
            {
                var users = mounts[(claim.Namespace, claim.Name)].Distinct().ToList();
                if (users.Count > 1)
                    problems.Add($"is {string.Join("/", modes)} but mounted by {users.Count} workloads ({string.Join(", ", users.Select(u => u.Owner.Reference))})");
                else if (users.Count == 1 && (context.Index.MaxReplicas(users[0]) ?? 1) > 1)
                    problems.Add($"is {string.Join("/", modes)} but {users[0].Owner.Reference} can run {context.Index.MaxReplicas(users[0])} pods");
                else if (users.Count == 1 && users[0].Kind == "DaemonSet")
                    problems.Add($"is {string.Join("/", modes)} but DaemonSet {users[0].Owner.Name} runs one pod per node");
            }
            context.Check(problems.Count == 0, claim, Describe(claim.Json["spec"]), string.Join("; ", problems), Fix(requireClass));
        }
        foreach (var statefulSet in context.Snapshot.OfKind("StatefulSet"))
        {
            foreach (var template in JsonRead.Objects(statefulSet.Json["spec"]?["volumeClaimTemplates"]))
            {
                var name = JsonRead.String(template["metadata"]?["name"]) ?? "(unnamed)";
                var problems = SpecProblems(template["spec"], requireClass);
                context.Check(problems.Count == 0, statefulSet, $"volumeClaimTemplate {name}: {Describe(template["spec"])}",
                    $"volumeClaimTemplate {name} {string.Join("; ", problems)}", Fix(requireClass));
            }
        }
        return context.Result("There are no PersistentVolumeClaims or volumeClaimTemplates.");
    }

    private static List<string> SpecProblems(JsonNode? spec, bool requireClass)
    {
        var problems = new List<string>();
        if (requireClass && spec?["storageClassName"] is null) problems.Add("names no storageClassName");
        if (ResourceQuantity.Parse(spec?["resources"]?["requests"]?["storage"]) is not > 0) problems.Add("requests no storage size");
        return problems;
    }

    private static string Describe(JsonNode? spec) =>
        $"requests {JsonRead.String(spec?["resources"]?["requests"]?["storage"]) ?? JsonRead.IntOrString(spec?["resources"]?["requests"]?["storage"])} of class {(JsonRead.String(spec?["storageClassName"]) is { } c ? $"'{c}'" : "(cluster default)")}";

    private static string Fix(bool requireClass) =>
        (requireClass ? "Set storageClassName and " : "Set ") + "resources.requests.storage; give each replica its own claim (a StatefulSet volumeClaimTemplate) or use ReadWriteMany.";
}
