using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges main, init and sidecar containers of every pod template; ephemeral containers are skipped (they cannot
/// declare resources). A limit counts when declared or defaulted by a LimitRange in the namespace.
/// </summary>
public sealed class ResourcesLimitsProbe() : Probe("resources-limits")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "LimitRange"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var requireCpu = context.Arguments.GetBool("requireCpuLimit");
        string[] required = requireCpu ? ["memory", "cpu"] : ["memory"];
        foreach (var template in context.Index.Templates)
        {
            var defaults = context.Index.LimitDefaults(template.Namespace);
            foreach (var container in template.DeclaredContainers)
            {
                var resources = EffectiveResources.Of(container, defaults);
                var missing = required.Where(r => resources.Limit(r) is null).ToList();
                if (missing.Count == 0)
                    context.Pass(template.Owner, string.Join(" and ", required.Select(r => $"limits {r} to {EffectiveResources.Show(r, resources.Limit(r))} ({resources.LimitOrigin(r)})")), container.Name);
                else
                    context.Fail(template.Owner, $"has no {string.Join(" or ", missing)} limit", $"Set resources.limits.{string.Join(" and resources.limits.", missing)} on the container.", container.Name);
            }
        }
        return context.Result("There are no pod templates to judge.");
    }
}
