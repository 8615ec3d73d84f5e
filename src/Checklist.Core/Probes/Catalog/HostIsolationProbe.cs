using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every pod template (all workload kinds and bare Pods): hostNetwork, hostPID, hostIPC, hostPath volumes,
/// and hostPort on any main, init or sidecar container port.
/// </summary>
public sealed class HostIsolationProbe() : Probe("host-isolation")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var template in context.Index.Templates)
        {
            var spec = template.PodSpec;
            var problems = new List<string>();
            foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
                if (JsonRead.IsTrue(spec[field])) problems.Add($"{field} is true");
            foreach (var volume in JsonRead.Objects(spec["volumes"]).Where(v => v["hostPath"] is not null))
                problems.Add($"volume {JsonRead.String(volume["name"])} mounts host path {JsonRead.String(volume["hostPath"]?["path"])}");
            foreach (var container in template.DeclaredContainers)
                foreach (var port in JsonRead.Objects(container.Json["ports"]).Where(p => JsonRead.Integer(p["hostPort"]) is > 0))
                    problems.Add($"container {container.Name} binds host port {JsonRead.Integer(port["hostPort"])}");
            if (problems.Count == 0)
                context.Pass(template.Owner, "uses no host namespace, hostPath volume or host port");
            else
                context.Fail(template.Owner, string.Join("; ", problems), "Remove host namespaces, hostPath volumes and hostPort; use a Service and PersistentVolumes instead.");
        }
        return context.Result("There are no pod templates to judge.");
    }
}
