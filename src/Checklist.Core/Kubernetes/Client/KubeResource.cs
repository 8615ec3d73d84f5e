namespace Checklist.Core.Kubernetes.Client;

/// <summary>How a resource kind is listed for a snapshot.</summary>
/// <param name="Kind">The object kind, e.g. Deployment; set on every listed item (list items carry none).</param>
/// <param name="Group">The API group, "" for the core group.</param>
/// <param name="Plural">The resource name in the URL, e.g. deployments.</param>
/// <param name="Namespaced">False for cluster-scoped resources.</param>
/// <param name="AllNamespaces">List across every namespace instead of the target one (Velero Schedules live in velero's own namespace).</param>
/// <param name="MetadataOnly">List metadata only (PartialObjectMetadataList); always true for Secrets.</param>
/// <param name="OnlyWhenServed">An add-on (CRD) group: skipped quietly when the cluster does not serve it.</param>
/// <param name="FollowsSelector">The run's label selector narrows this kind (the release's own objects); kinds that
/// probes match to workloads by selector or by name (PDBs, NetworkPolicies, ConfigMaps, ...) are read whole.</param>
public sealed record KubeResource(
    string Kind,
    string Group,
    string Version,
    string Plural,
    bool Namespaced = true,
    bool AllNamespaces = false,
    bool MetadataOnly = false,
    bool OnlyWhenServed = false,
    bool FollowsSelector = false)
{
    /// <summary>apiVersion of the objects, e.g. apps/v1 or v1.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name RBAC and error messages use, e.g. deployments.apps or pods.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>True for Secrets, whose data the client never returns.</summary>
    public bool IsSecret => Group.Length == 0 && Plural == "secrets";

    /// <summary>The collection path for a LIST, in the namespace or across all of them.</summary>
    public string ListPath(string? @namespace)
    {
        var prefix = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && @namespace is not null && !AllNamespaces
            ? $"{prefix}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}"
            : $"{prefix}/{Plural}";
    }
}

/// <summary>The resource kinds a live snapshot reads for the probes.</summary>
public static class KubeResources
{
    public static readonly KubeResource Deployments = new("Deployment", "apps", "v1", "deployments", FollowsSelector: true);
    public static readonly KubeResource StatefulSets = new("StatefulSet", "apps", "v1", "statefulsets", FollowsSelector: true);
    public static readonly KubeResource DaemonSets = new("DaemonSet", "apps", "v1", "daemonsets", FollowsSelector: true);
    public static readonly KubeResource ReplicaSets = new("ReplicaSet", "apps", "v1", "replicasets", FollowsSelector: true);
    public static readonly KubeResource Jobs = new("Job", "batch", "v1", "jobs", FollowsSelector: true);
    public static readonly KubeResource CronJobs = new("CronJob", "batch", "v1", "cronjobs", FollowsSelector: true);
    public static readonly KubeResource Pods = new("Pod", "", "v1", "pods", FollowsSelector: true);
    public static readonly KubeResource Services = new("Service", "", "v1", "services", FollowsSelector: true);
    public static readonly KubeResource Ingresses = new("Ingress", "networking.k8s.io", "v1", "ingresses", FollowsSelector: true);
    public static readonly KubeResource ConfigMaps = new("ConfigMap", "", "v1", "configmaps", MetadataOnly: true);
    public static readonly KubeResource Secrets = new("Secret", "", "v1", "secrets", MetadataOnly: true);
    public static readonly KubeResource ServiceAccounts = new("ServiceAccount", "", "v1", "serviceaccounts");
    public static readonly KubeResource PersistentVolumeClaims = new("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims");
    public static readonly KubeResource PodDisruptionBudgets = new("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets");
    public static readonly KubeResource HorizontalPodAutoscalers = new("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers");
    public static readonly KubeResource NetworkPolicies = new("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies");
    public static readonly KubeResource LimitRanges = new("LimitRange", "", "v1", "limitranges");
    public static readonly KubeResource ResourceQuotas = new("ResourceQuota", "", "v1", "resourcequotas");
    public static readonly KubeResource ServiceMonitors = new("ServiceMonitor", "monitoring.coreos.com", "v1", "servicemonitors", OnlyWhenServed: true);
    public static readonly KubeResource PodMonitors = new("PodMonitor", "monitoring.coreos.com", "v1", "podmonitors", OnlyWhenServed: true);
    public static readonly KubeResource VeleroSchedules = new("Schedule", "velero.io", "v1", "schedules", AllNamespaces: true, OnlyWhenServed: true);

    /// <summary>Namespaces are read with one GET of the target namespace, never listed.</summary>
    public static readonly KubeResource Namespaces = new("Namespace", "", "v1", "namespaces", Namespaced: false);

    /// <summary>Everything the probe catalog reads, in the order the snapshot keeps them.</summary>
    public static readonly IReadOnlyList<KubeResource> ForProbes =
    [
        Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, Pods, Services, Ingresses, ConfigMaps, Secrets,
        ServiceAccounts, PersistentVolumeClaims, PodDisruptionBudgets, HorizontalPodAutoscalers, NetworkPolicies,
        LimitRanges, ResourceQuotas, ServiceMonitors, PodMonitors, VeleroSchedules,
    ];
}
