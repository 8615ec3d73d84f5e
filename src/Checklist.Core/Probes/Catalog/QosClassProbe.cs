using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Computes each pod template's QoS class the way the kubelet does, over main, init and sidecar containers with
/// requests and limits after defaulting (a missing request takes the limit; LimitRange defaults apply):
/// Guaranteed when every container has cpu and memory limits equal to its requests; BestEffort when no container
/// has any cpu or memory request or limit; Burstable otherwise.
/// </summary>
public sealed class QosClassProbe() : Probe("qos-class")
{
    private static readonly string[] Classes = ["BestEffort", "Burstable", "Guaranteed"];

    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "LimitRange"];

    public override IEnumerable<string> ValidateArguments(ProbeArguments arguments)
    {
        var value = arguments.GetString("minClass");
        if (!Classes.Contains(value))
            yield return $"Parameter 'minClass' of probe 'qos-class' must be one of {string.Join(", ", Classes)}, not \"{value}\".";
    }

    protected override ProbeResult Judge(ProbeContext context)
    {
        var min = Array.IndexOf(Classes, context.Arguments.GetString("minClass"));
        foreach (var template in context.Index.Templates)
        {
            var qos = ClassOf(template, context.Index.LimitDefaults(template.Namespace));
            var rank = Array.IndexOf(Classes, qos);
            context.Check(rank >= min, template.Owner, $"pods get QoS class {qos}", $"pods get QoS class {qos}, below {Classes[min]}",
                min == 2 ? "Give every container cpu and memory limits equal to its requests." : "Set cpu and memory requests on the containers.");
        }
        return context.Result("There are no pod templates to judge.");
    }

    internal static string ClassOf(PodTemplate template, LimitRangeDefaults defaults)
    {
        var containers = template.DeclaredContainers.Select(c => EffectiveResources.Of(c, defaults)).ToList();
        string[] resources = ["cpu", "memory"];
        if (containers.Count == 0 || containers.All(c => resources.All(r => c.Request(r) is null && c.Limit(r) is null)))
            return "BestEffort";
        var guaranteed = containers.All(c => resources.All(r => c.Limit(r) is { } limit && c.Request(r) == limit));
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
