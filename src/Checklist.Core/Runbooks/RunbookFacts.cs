namespace Checklist.Core.Runbooks;

/// <summary>What the last probe snapshot found in the release's namespace.</summary>
public sealed record RunbookFacts
{
    /// <summary>When the snapshot the facts come from was taken; null when none was taken.</summary>
    public DateTimeOffset? SnapshotAt { get; init; }
    public IReadOnlyList<WorkloadFact> Workloads { get; init; } = [];
    public IReadOnlyList<PvcFact> Pvcs { get; init; } = [];

    /// <summary>VolumeSnapshotClass names the cluster offers for CSI snapshots.</summary>
    public IReadOnlyList<string> VolumeSnapshotClasses { get; init; } = [];
    public IReadOnlyList<VeleroScheduleFact> VeleroSchedules { get; init; } = [];
    public IReadOnlyList<ServiceFact> Services { get; init; } = [];
    public IReadOnlyList<IngressFact> Ingresses { get; init; } = [];
    public HelmReleaseFact? HelmRelease { get; init; }
}

public sealed record WorkloadFact
{
    public required WorkloadKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>Revision live when the snapshot was taken (Deployment revision annotation or ControllerRevision).</summary>
    public int? CurrentRevision { get; init; }

    /// <summary>Revision that ran before this release: rollback returns to it. Null when the history has none.</summary>
    public int? PreviousRevision { get; init; }
    public int? Replicas { get; init; }
}

public enum WorkloadKind
{
    Deployment,
    StatefulSet,
    DaemonSet,
}

public sealed record PvcFact
{
    public required string Name { get; init; }
    public string? StorageClass { get; init; }

    /// <summary>Requested size as Kubernetes writes it, e.g. "20Gi".</summary>
    public string? Size { get; init; }

    /// <summary>Access modes as Kubernetes writes them; empty when unknown.</summary>
    public IReadOnlyList<string> AccessModes { get; init; } = [];

    /// <summary>The StatefulSet whose volumeClaimTemplates created the claim, if any.</summary>
    public string? StatefulSet { get; init; }
}

public sealed record VeleroScheduleFact
{
    public required string Name { get; init; }

    /// <summary>Cron expression of the schedule.</summary>
    public required string Schedule { get; init; }
    public string? Ttl { get; init; }

    /// <summary>Namespace Velero itself runs in (its CLI's --namespace).</summary>
    public string VeleroNamespace { get; init; } = "velero";
}

public sealed record ServiceFact
{
    public required string Name { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<ServicePortFact> Ports { get; init; } = [];
}

public sealed record ServicePortFact
{
    public required int Port { get; init; }
    public string? Name { get; init; }
}

public sealed record IngressFact
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Hosts listed in the Ingress's tls section: they are tested over https.</summary>
    public IReadOnlyList<string> TlsHosts { get; init; } = [];
}

public sealed record HelmReleaseFact
{
    public required string Name { get; init; }
    public int? CurrentRevision { get; init; }

    /// <summary>Revision that ran before this release: helm rollback returns to it.</summary>
    public int? PreviousRevision { get; init; }
}
