using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Kubernetes.PodTemplates;

/// <summary>
/// The pod a workload creates, read from the workload: Deployment, StatefulSet, DaemonSet, ReplicaSet and Job
/// (<c>spec.template</c>), CronJob (<c>spec.jobTemplate.spec.template</c>), or a bare Pod (the object itself).
/// </summary>
public sealed class PodTemplate
{
    internal PodTemplate(KubeObject owner, JsonObject? metadata, JsonObject podSpec)
    {
        Owner = owner;
        Metadata = metadata;
        PodSpec = podSpec;
        Labels = JsonRead.Map(metadata?["labels"]);
        Annotations = JsonRead.Map(metadata?["annotations"]);
        var containers = new List<ContainerSpec>();
        foreach (var c in JsonRead.Objects(podSpec["initContainers"]))
            containers.Add(new ContainerSpec(c, JsonRead.String(c["restartPolicy"]) == "Always" ? ContainerRole.Sidecar : ContainerRole.Init));
        foreach (var c in JsonRead.Objects(podSpec["containers"]))
            containers.Add(new ContainerSpec(c, ContainerRole.Main));
        foreach (var c in JsonRead.Objects(podSpec["ephemeralContainers"]))
            containers.Add(new ContainerSpec(c, ContainerRole.Ephemeral));
        Containers = containers;
        Selector = owner.Kind switch
        {
            "Pod" or "CronJob" => LabelSelector.Nothing,
            _ => LabelSelector.FromLabelSelector(owner.Json["spec"]?["selector"]),
        };
    }

    /// <summary>The workload (or bare Pod) the findings are about.</summary>
    public KubeObject Owner { get; }
    public string Kind => Owner.Kind;
    public string? Namespace => Owner.Namespace;
    public JsonObject? Metadata { get; }
    public JsonObject PodSpec { get; }
    /// <summary>The labels the pods will carry (the template's, or the bare Pod's own).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyDictionary<string, string> Annotations { get; }
    /// <summary>Init containers (and sidecars) first, then main containers, then ephemeral ones.</summary>
    public IReadOnlyList<ContainerSpec> Containers { get; }
    /// <summary>The workload's spec.selector (metav1 semantics); Nothing for bare Pods and CronJobs.</summary>
    public LabelSelector Selector { get; }

    /// <summary>Jobs, CronJobs and bare Pods with restartPolicy Never or OnFailure run to completion.</summary>
    public bool RunsToCompletion => Kind is "Job" or "CronJob"
        || (Kind == "Pod" && JsonRead.String(PodSpec["restartPolicy"]) is "Never" or "OnFailure");

    public bool IsLongRunning => !RunsToCompletion;

    /// <summary>True for kinds whose pod count is spec.replicas (Deployment, StatefulSet, ReplicaSet).</summary>
    public bool IsReplicated => Kind is "Deployment" or "StatefulSet" or "ReplicaSet";

    /// <summary>spec.replicas as declared (Kubernetes defaults a missing value to 1); null for kinds without replicas.</summary>
    public long? DeclaredReplicas => IsReplicated ? JsonRead.Integer(Owner.Json["spec"]?["replicas"]) ?? 1 : null;

    public IEnumerable<ContainerSpec> LongRunningContainers => Containers.Where(c => c.IsLongRunning);
    public IEnumerable<ContainerSpec> DeclaredContainers => Containers.Where(c => c.IsDeclared);

    public override string ToString() => Owner.Reference;
}
