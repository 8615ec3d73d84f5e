using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every namespaced object (cluster-scoped kinds are skipped). Objects from manifests that name no namespace
/// have the run's namespace; with none given either, they are judged by where they would land (the namespace
/// chosen when they are applied), which this probe cannot see, so they pass with a note.
/// </summary>
public sealed class NamespaceNotDefaultProbe() : Probe("namespace-not-default")
{
    // The workloads decide where a release runs; an unreadable workload kind would make the answer partial.
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var obj in context.Snapshot.Objects.Where(o => !ClusterScopedKinds.Contains(o.Kind)))
        {
            if (obj.Namespace is null)
                context.Pass(obj, "names no namespace; it lands in the namespace chosen when it is applied");
            else
                context.Check(obj.Namespace != "default", obj, $"is in namespace {obj.Namespace}", "is in the default namespace",
                    "Deploy the release into its own namespace (metadata.namespace or --namespace).");
        }
        return context.Result("There are no namespaced objects.");
    }
}
