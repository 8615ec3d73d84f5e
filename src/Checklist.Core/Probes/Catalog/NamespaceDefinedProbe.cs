using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges the namespaces of all namespaced objects together: they must share exactly one namespace, other than
/// default and kube-system. Objects that name no namespace (and got none from the run) fail, since nothing says
/// where they land. One finding per namespace seen; a Namespace object in the snapshot gives source and exemption.
/// </summary>
public sealed class NamespaceDefinedProbe() : Probe("namespace-defined")
{
    private static readonly string[] Shared = ["default", "kube-system", "kube-public", "kube-node-lease"];

    // The workloads decide where a release runs; an unreadable workload kind would make the answer partial.
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        var namespaced = context.Snapshot.Objects.Where(o => !ClusterScopedKinds.Contains(o.Kind)).ToList();
        if (namespaced.Count == 0) return context.NotApplicable("There are no namespaced objects.");
        var groups = namespaced.GroupBy(o => o.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var several = groups.Count > 1;
        foreach (var group in groups)
        {
            if (group.Key is null)
            {
                foreach (var obj in group)
                    context.Fail(obj, "names no namespace and the run gives none", "Set metadata.namespace, or give the run a namespace.");
                continue;
            }
            var ns = group.Key;
            if (Shared.Contains(ns))
                context.FailNamespace(ns, $"{group.Count()} object(s) are in the shared namespace {ns}", "Give the release its own namespace.");
            else if (several)
                context.FailNamespace(ns, $"{group.Count()} object(s) are in {ns}, but the release spans {groups.Count} namespaces", "Keep the release in one namespace.");
            else
                context.PassNamespace(ns, $"all {group.Count()} namespaced object(s) are in {ns}");
        }
        return context.Result("There are no namespaced objects.");
    }
}
