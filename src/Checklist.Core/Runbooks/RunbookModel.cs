namespace Checklist.Core.Runbooks;

/// <summary>
/// What runbook templates see: the <see cref="RunbookData"/> as given plus the plans derived from it
/// (deploy, backup, restore, rollback, smoke tests). Property names are the names templates use,
/// e.g. <c>{{Release.Service}}</c> or <c>{{#each Rollback.Workloads}}</c>.
/// </summary>
public sealed record RunbookModel
{
    public required RunbookRelease Release { get; init; }

    /// <summary>Namespace the release lives in (run target, else the Helm namespace); null when unknown.</summary>
    public string? Namespace { get; init; }
    public required DateTimeOffset RenderedAt { get; init; }
    public required IReadOnlyList<RunbookImage> Images { get; init; }
    public RunbookDecision? Decision { get; init; }
    public required IReadOnlyList<RunbookSection> Sections { get; init; }
    public required ResultSummary Results { get; init; }
    public required IReadOnlyList<RunbookWaiver> Waivers { get; init; }
    public required IReadOnlyList<RunbookContact> Contacts { get; init; }
    public required IReadOnlyList<RunbookEscalationStep> Escalation { get; init; }
    public required RunbookFacts Facts { get; init; }
    public required IReadOnlyList<RunbookMonitoringLink> Monitoring { get; init; }
    public RunbookMaintenancePage? Maintenance { get; init; }
    public RunbookSchemaChange? SchemaChange { get; init; }
    public required string SmokeTestPath { get; init; }
    public required DeployPlan Deploy { get; init; }
    public required BackupPlan Backup { get; init; }
    public required RollbackPlan Rollback { get; init; }
    public required SmokeTestPlan SmokeTests { get; init; }
}

public sealed record ResultSummary
{
    public required int Total { get; init; }
    public required int Passed { get; init; }
    public required int SignedOff { get; init; }
    public required int Waived { get; init; }
    public required int NotApplicable { get; init; }
    public required int Failed { get; init; }
    public required int Error { get; init; }
    public required int Pending { get; init; }

    /// <summary>Required items that are neither passed, signed off, waived nor not applicable.</summary>
    public required IReadOnlyList<RunbookItem> Blocking { get; init; }
}

/// <summary>Exactly one of Helm, KubectlApply and GitOps is set, or none when the method is unknown.</summary>
public sealed record DeployPlan
{
    public HelmDeploy? Helm { get; init; }
    public KubectlApplyDeploy? KubectlApply { get; init; }
    public GitOpsDeploy? GitOps { get; init; }
    public bool IsArgo => GitOps?.Tool == GitOpsTool.Argo;
    public bool IsFlux => GitOps?.Tool == GitOpsTool.Flux;
    public bool IsKnown => Helm is not null || KubectlApply is not null || GitOps is not null;
}

public sealed record BackupPlan
{
    /// <summary>Set when a Velero schedule covers the namespace: back up and restore with Velero.</summary>
    public VeleroBackupPlan? Velero { get; init; }

    /// <summary>CSI snapshots per claim, used without Velero when the cluster offers a snapshot class.</summary>
    public required IReadOnlyList<VolumeSnapshotPlan> Snapshots { get; init; }

    /// <summary>File copies per claim, used without Velero and without a usable snapshot class.</summary>
    public required IReadOnlyList<VolumeCopyPlan> Copies { get; init; }

    /// <summary>StatefulSets that own claims: stopped around copies and restores, with the replica count to bring back.</summary>
    public required IReadOnlyList<WorkloadFact> StatefulSetsToStop { get; init; }
    public required IReadOnlyList<DatabaseDumpPlan> Dumps { get; init; }
    public bool HasVolumes => Snapshots.Count > 0 || Copies.Count > 0;
    public bool HasState => Velero is not null || HasVolumes || Dumps.Count > 0;
}

public sealed record VeleroBackupPlan
{
    public required string BackupName { get; init; }
    public required string Namespace { get; init; }
    public required string VeleroNamespace { get; init; }

    /// <summary>False when Velero runs in its default namespace, so commands need no --namespace flag.</summary>
    public required bool CustomVeleroNamespace { get; init; }
    public required IReadOnlyList<VeleroScheduleFact> Schedules { get; init; }
}

public sealed record VolumeSnapshotPlan
{
    public required PvcFact Pvc { get; init; }
    public required string SnapshotName { get; init; }
    public required string SnapshotClass { get; init; }
    public required string Manifest { get; init; }
    public required string RestoreManifest { get; init; }
}

public sealed record VolumeCopyPlan
{
    public required PvcFact Pvc { get; init; }
    public required string PodName { get; init; }

    /// <summary>Small image with sh, tar and find for the copy pod.</summary>
    public required string Image { get; init; }
    public required string ArchiveFile { get; init; }

    /// <summary>kubectl run --overrides for a pod that mounts the claim read-only at /data.</summary>
    public required string BackupPodOverrides { get; init; }

    /// <summary>kubectl run --overrides for a pod that mounts the claim writable at /data.</summary>
    public required string RestorePodOverrides { get; init; }
}

public sealed record DatabaseDumpPlan
{
    public required string ItemId { get; init; }
    public required string ItemTitle { get; init; }
    public required RunbookEvidence Evidence { get; init; }

    /// <summary>The dump tool named by the evidence (pg_dump, mysqldump, mongodump), or null.</summary>
    public string? Tool { get; init; }

    /// <summary>Restore command for the tool; null when the tool or the file is not known.</summary>
    public string? RestoreCommand { get; init; }
}

public sealed record RollbackPlan
{
    /// <summary>Set for Helm releases; Revision is null when the previous revision is unknown.</summary>
    public HelmRollbackPlan? Helm { get; init; }
    public required IReadOnlyList<WorkloadRollbackPlan> Workloads { get; init; }
}

public sealed record HelmRollbackPlan
{
    public required string Release { get; init; }
    public required string Namespace { get; init; }
    public int? Revision { get; init; }
}

public sealed record WorkloadRollbackPlan
{
    public required WorkloadKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>"deployment/web", as kubectl names it.</summary>
    public required string Resource { get; init; }
    public int? CurrentRevision { get; init; }
    public int? Revision { get; init; }
}

public sealed record SmokeTestPlan
{
    public required IReadOnlyList<SmokeTestUrl> Urls { get; init; }
    public required IReadOnlyList<SmokeTestPortForward> PortForwards { get; init; }
    public bool HasAny => Urls.Count > 0 || PortForwards.Count > 0;
}

public sealed record SmokeTestUrl
{
    public required string Ingress { get; init; }
    public required string Host { get; init; }
    public required string Url { get; init; }
    public required bool Tls { get; init; }
}

public sealed record SmokeTestPortForward
{
    public required string Service { get; init; }
    public required int Port { get; init; }
    public required int LocalPort { get; init; }

    /// <summary>True when the port serves TLS: curl then needs -k, the certificate does not name localhost.</summary>
    public required bool Tls { get; init; }
    public required string Url { get; init; }
}
