using Checklist.Core.Probes.Catalog;

namespace Checklist.Core.Probes;

/// <summary>Every probe implementation, one per id in <see cref="ProbeDefinitions"/>.</summary>
public static class ProbeCatalog
{
    public static readonly IReadOnlyList<Probe> All =
    [
        new ImageTagPinnedProbe(), new ReplicasMinProbe(), new ResourcesRequestsProbe(), new ResourcesLimitsProbe(),
        new QosClassProbe(), new LimitRangePresentProbe(), new LivenessProbeProbe(), new ReadinessProbeProbe(),
        new PdbPresentProbe(), new PodAntiAffinityProbe(), new HpaPresentProbe(), new NetworkPolicyProbe(),
        new SecurityContextProbe(), new HostIsolationProbe(), new NamespaceNotDefaultProbe(), new ConfigExternalizedProbe(),
        new GracefulShutdownProbe(), new RollingUpdateProbe(), new ServiceExposedProbe(), new IngressTlsProbe(),
        new PvcStorageProbe(), new BackupScheduleProbe(), new MonitoringScrapeProbe(), new LabelsRecommendedProbe(),
        new PodSecurityAdmissionProbe(), new NodePlacementProbe(), new ServiceAccountProbe(), new NamespaceDefinedProbe(),
        new ResourceQuotaProbe(),
    ];

    private static readonly Dictionary<string, Probe> ById = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public static Probe? Find(string id) => ById.GetValueOrDefault(id);
}
