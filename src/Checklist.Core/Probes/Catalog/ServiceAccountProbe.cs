using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every pod template (all workload kinds and bare Pods). serviceAccountName (or the deprecated
/// serviceAccount) must be set and not "default", and a ServiceAccount of that name must exist in the namespace.
/// </summary>
public sealed class ServiceAccountProbe() : Probe("service-account")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "ServiceAccount"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates)
        {
            var name = JsonRead.String(template.PodSpec["serviceAccountName"]) ?? JsonRead.String(template.PodSpec["serviceAccount"]);
            if (string.IsNullOrEmpty(name) || name == "default")
                context.Fail(template.Owner, "runs as the namespace's default service account",
                    "Create a ServiceAccount for the workload and set serviceAccountName (with automountServiceAccountToken: false unless it calls the API).");
            else if (context.Index.Find("ServiceAccount", template.Namespace, name) is null)
                context.Fail(template.Owner, $"uses ServiceAccount {name}, which does not exist in namespace {template.Namespace}",
                    $"Ship ServiceAccount {name} with the release.");
            else
                context.Pass(template.Owner, $"runs as ServiceAccount {name}");
        }
        return context.Result("There are no pod templates to judge.");
    }
}
