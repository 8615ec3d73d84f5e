using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges each target namespace through its Namespace object: the pod-security.kubernetes.io/enforce label
/// must name a level at least minLevel (privileged &lt; baseline &lt; restricted); no label means privileged.
/// When the Namespace object is not in the snapshot (manifests often leave it out) the probe is not applicable
/// and says so rather than guessing.
/// </summary>
public sealed class PodSecurityAdmissionProbe() : Probe("pod-security-admission")
{
    private static readonly string[] Levels = ["privileged", "baseline", "restricted"];
    private const string EnforceLabel = "pod-security.kubernetes.io/enforce";

    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["Namespace"];

    public override IEnumerable<string> ValidateArguments(ProbeArguments arguments)
    {
        var value = arguments.GetString("minLevel");
        if (!Levels.Contains(value))
            yield return $"Parameter 'minLevel' of probe 'pod-security-admission' must be one of {string.Join(", ", Levels)}, not \"{value}\".";
    }

    protected override ProbeResult Judge(ProbeContext context)
    {
        var min = Array.IndexOf(Levels, context.Arguments.GetString("minLevel"));
        var absent = new List<string>();
        foreach (var ns in context.Index.TargetNamespaces)
        {
            var obj = context.Index.NamespaceObject(ns);
            if (obj is null) { absent.Add(ns); continue; }
            var level = obj.Labels.GetValueOrDefault(EnforceLabel);
            var rank = level is null ? 0 : Array.IndexOf(Levels, level);
            var shown = level ?? "none (privileged)";
            context.Check(rank >= min, obj, $"enforces Pod Security level {shown}", $"enforces Pod Security level {shown}, below {Levels[min]}",
                $"Label the namespace {EnforceLabel}={Levels[Math.Max(min, 1)]} (or stricter).");
        }
        if (context.Findings.Count == 0 && absent.Count > 0)
            return context.NotApplicable($"The Namespace object of {string.Join(", ", absent)} is not in the snapshot, so its Pod Security labels cannot be read; include it in the manifests or verify against the cluster.");
        return context.Result("No target namespace is known.");
    }
}
