using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes.PodTemplates;

/// <summary>
/// Enumerates every pod template of a snapshot exactly once. Objects created by a controller are skipped,
/// because their controller is judged instead: ReplicaSets owned by a Deployment, Jobs owned by a CronJob,
/// and Pods with any ownerReference (as read from a live cluster).
/// </summary>
public static class PodTemplateReader
{
    public static readonly IReadOnlyList<string> WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

    public static IReadOnlyList<PodTemplate> Enumerate(ClusterSnapshot snapshot)
    {
        var result = new List<PodTemplate>();
        foreach (var kind in WorkloadKinds)
            foreach (var obj in snapshot.OfKind(kind))
                if (Read(obj) is { } template)
                    result.Add(template);
        return result;
    }

    /// <summary>The pod template of one object, or null when the object is not judged on its own or has no template.</summary>
    public static PodTemplate? Read(KubeObject obj)
    {
        var spec = obj.Json["spec"] as JsonObject;
        switch (obj.Kind)
        {
            case "Pod":
                if (HasOwner(obj, _ => true) || spec is null) return null;
                return new PodTemplate(obj, obj.Json["metadata"] as JsonObject, spec);
            case "ReplicaSet":
                if (HasOwner(obj, kind => kind == "Deployment")) return null;
                return FromTemplate(obj, spec?["template"]);
            case "Job":
                if (HasOwner(obj, kind => kind == "CronJob")) return null;
                return FromTemplate(obj, spec?["template"]);
            case "CronJob":
                return FromTemplate(obj, spec?["jobTemplate"]?["spec"]?["template"]);
            case "Deployment" or "StatefulSet" or "DaemonSet":
                return FromTemplate(obj, spec?["template"]);
            default:
                return null;
        }
    }

    private static PodTemplate? FromTemplate(KubeObject owner, JsonNode? template)
    {
        if (template?["spec"] is not JsonObject podSpec) return null;
        return new PodTemplate(owner, template["metadata"] as JsonObject, podSpec);
    }

    private static bool HasOwner(KubeObject obj, Func<string, bool> kind) =>
        JsonRead.Objects(obj.Json["metadata"]?["ownerReferences"]).Any(o => kind(JsonRead.String(o["kind"]) ?? ""));
}
