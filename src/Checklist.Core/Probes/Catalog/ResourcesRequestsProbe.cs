using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges main, init and sidecar containers of every pod template (all workload kinds and bare Pods); ephemeral
/// containers are skipped because they cannot declare resources. A request counts when Kubernetes will set it:
/// declared, taken from the container's own limit, or defaulted by a LimitRange in the namespace.
/// </summary>
public sealed class ResourcesRequestsProbe() : Probe("resources-requests")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "LimitRange"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates)
        {
            var defaults = context.Index.LimitDefaults(template.Namespace);
            foreach (var container in template.DeclaredContainers)
            {
                var resources = EffectiveResources.Of(container, defaults);
                var missing = new[] { "cpu", "memory" }.Where(r => resources.Request(r) is null).ToList();
                if (missing.Count == 0)
                    context.Pass(template.Owner, $"requests cpu {EffectiveResources.Show("cpu", resources.Request("cpu"))} ({resources.RequestOrigin("cpu")}) and memory {EffectiveResources.Show("memory", resources.Request("memory"))} ({resources.RequestOrigin("memory")})", container.Name);
                else
                    context.Fail(template.Owner, $"has no {string.Join(" or ", missing)} request", $"Set resources.requests.{string.Join(" and resources.requests.", missing)} on the container.", container.Name);
            }
        }
        return context.Result("There are no pod templates to judge.");
    }
}
