using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges main, init and sidecar containers of every pod template (ephemeral debug containers are skipped: they
/// are not part of the release). runAsNonRoot and runAsUser are read from the container's securityContext first
/// and the pod's second, as Kubernetes does; a non-zero runAsUser satisfies non-root too, and runAsUser 0 fails
/// even with runAsNonRoot. allowPrivilegeEscalation, readOnlyRootFilesystem, capabilities and privileged exist
/// only on containers.
/// </summary>
public sealed class SecurityContextProbe() : Probe("security-context")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        var requireReadOnlyRoot = context.Arguments.GetBool("requireReadOnlyRootFilesystem");
        foreach (var template in context.Index.Templates)
        {
            var pod = template.PodSpec["securityContext"];
            foreach (var container in template.DeclaredContainers)
            {
                var own = container.SecurityContext;
                var problems = new List<string>();
                var runAsNonRoot = JsonRead.Boolean(own?["runAsNonRoot"]) ?? JsonRead.Boolean(pod?["runAsNonRoot"]);
                var runAsUser = JsonRead.Integer(own?["runAsUser"]) ?? JsonRead.Integer(pod?["runAsUser"]);
                if (runAsUser == 0) problems.Add("runs as user 0 (root)");
                else if (runAsNonRoot != true && runAsUser is null) problems.Add("runAsNonRoot is not true");
                if (JsonRead.IsTrue(own?["privileged"])) problems.Add("is privileged");
                if (JsonRead.Boolean(own?["allowPrivilegeEscalation"]) != false) problems.Add("allowPrivilegeEscalation is not false");
                if (requireReadOnlyRoot && !JsonRead.IsTrue(own?["readOnlyRootFilesystem"])) problems.Add("readOnlyRootFilesystem is not true");
                var drops = JsonRead.Strings(own?["capabilities"]?["drop"]);
                if (!drops.Any(d => d.Equals("ALL", StringComparison.OrdinalIgnoreCase))) problems.Add("capabilities do not drop ALL");
                if (problems.Count == 0)
                    context.Pass(template.Owner, "runs with a restricted security context", container.Name);
                else
                    context.Fail(template.Owner, string.Join("; ", problems),
                        "Set runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: [ALL]" + (requireReadOnlyRoot ? ", readOnlyRootFilesystem: true" : "") + " and no privileged.", container.Name);
            }
        }
        return context.Result("There are no pod templates to judge.");
    }
}
