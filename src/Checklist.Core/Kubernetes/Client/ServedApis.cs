namespace Checklist.Core.Kubernetes.Client;

/// <summary>What discovery (<c>/api</c> and <c>/apis</c>) says the cluster serves.</summary>
public sealed class ServedApis
{
    public ServedApis(IEnumerable<string> groupVersions)
    {
        GroupVersions = new HashSet<string>(groupVersions, StringComparer.Ordinal);
        Groups = new HashSet<string>(GroupVersions.Select(gv => gv.Contains('/') ? gv[..gv.IndexOf('/')] : ""), StringComparer.Ordinal);
    }

    /// <summary>Served group/versions, e.g. "v1" (core), "apps/v1", "autoscaling/v2".</summary>
    public IReadOnlySet<string> GroupVersions { get; }
    /// <summary>Served groups; "" stands for the core group.</summary>
    public IReadOnlySet<string> Groups { get; }

    public bool Serves(KubeResource resource) => GroupVersions.Contains(resource.ApiVersion);
}
