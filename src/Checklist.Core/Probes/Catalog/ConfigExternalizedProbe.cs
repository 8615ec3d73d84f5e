using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges main, init and sidecar containers of every pod template. An env var whose name contains one of the
/// secret fragments (case-insensitive) and that carries a literal value fails; names ending in _FILE, _PATH, _URL
/// or _URI point at a secret rather than hold it and are not judged. Every ConfigMap and Secret referenced by env,
/// envFrom and pod volumes (configMap, secret, projected) must exist in the namespace unless the reference is
/// optional; a Secret produced by a SealedSecret or an ExternalSecret of the same name counts as existing.
/// </summary>
public sealed class ConfigExternalizedProbe() : Probe("config-externalized")
{
    private static readonly string[] PointerSuffixes = ["_FILE", "_PATH", "_URL", "_URI"];

    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => [.. PodTemplateReader.WorkloadKinds, "ConfigMap", "Secret"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        var fragments = context.Arguments.GetStringList("secretNamePatterns");
        foreach (var template in context.Index.Templates)
        {
            var ns = template.Namespace;
            var volumeRefs = VolumeReferences(template).ToList();
            foreach (var container in template.DeclaredContainers)
            {
                var problems = new List<string>();
                foreach (var env in JsonRead.Objects(container.Json["env"]))
                {
                    var name = JsonRead.String(env["name"]) ?? "";
                    var value = JsonRead.String(env["value"]);
                    if (!string.IsNullOrEmpty(value) && LooksSecret(name, fragments))
                        problems.Add($"env {name} holds a literal value that looks like a secret");
                }
                var refs = EnvReferences(container).ToList();
                foreach (var (kind, refName, optional, via) in refs)
                    if (!optional && !Exists(context.Index, kind, ns, refName))
                        problems.Add($"{via} references {kind} {refName}, which does not exist");
                if (problems.Count == 0)
                    context.Pass(template.Owner, "takes its configuration from ConfigMaps and Secrets that exist", container.Name);
                else
                    context.Fail(template.Owner, string.Join("; ", problems), "Move secret values into a Secret (valueFrom.secretKeyRef) and ship every ConfigMap and Secret the pod references.", container.Name);
            }
            if (volumeRefs.Count == 0) continue;
            var missing = volumeRefs.Where(r => !r.Optional && !Exists(context.Index, r.Kind, ns, r.Name)).Select(r => $"{r.Via} references {r.Kind} {r.Name}, which does not exist").ToList();
            if (missing.Count == 0)
                context.Pass(template.Owner, "every ConfigMap and Secret its volumes mount exists");
            else
                context.Fail(template.Owner, string.Join("; ", missing), "Ship every ConfigMap and Secret the pod's volumes mount, or mark the reference optional.");
        }
        return context.Result("There are no pod templates to judge.");
    }

    internal static bool LooksSecret(string name, IReadOnlyList<string> fragments)
    {
        if (PointerSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) return false;
        return fragments.Any(f => name.Contains(f, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Exists(SnapshotIndex index, string kind, string? ns, string name)
    {
        if (index.Find(kind, ns, name) is not null) return true;
        if (kind != "Secret") return false;
        if (index.Find("SealedSecret", ns, name) is not null) return true;
        return index.InNamespace("ExternalSecret", ns).Any(e => (JsonRead.String(e.Json["spec"]?["target"]?["name"]) ?? e.Name) == name);
    }

    private static IEnumerable<(string Kind, string Name, bool Optional, string Via)> EnvReferences(ContainerSpec container)
    {
        foreach (var env in JsonRead.Objects(container.Json["env"]))
        {
            var from = env["valueFrom"];
            if (from?["configMapKeyRef"] is { } cm && JsonRead.String(cm["name"]) is { } cmName)
                yield return ("ConfigMap", cmName, JsonRead.IsTrue(cm["optional"]), $"env {JsonRead.String(env["name"])}");
            if (from?["secretKeyRef"] is { } s && JsonRead.String(s["name"]) is { } sName)
                yield return ("Secret", sName, JsonRead.IsTrue(s["optional"]), $"env {JsonRead.String(env["name"])}");
        }
        foreach (var envFrom in JsonRead.Objects(container.Json["envFrom"]))
        {
            if (envFrom["configMapRef"] is { } cm && JsonRead.String(cm["name"]) is { } cmName)
                yield return ("ConfigMap", cmName, JsonRead.IsTrue(cm["optional"]), "envFrom");
            if (envFrom["secretRef"] is { } s && JsonRead.String(s["name"]) is { } sName)
                yield return ("Secret", sName, JsonRead.IsTrue(s["optional"]), "envFrom");
        }
    }

    private static IEnumerable<(string Kind, string Name, bool Optional, string Via)> VolumeReferences(PodTemplate template)
    {
        foreach (var volume in JsonRead.Objects(template.PodSpec["volumes"]))
        {
            var via = $"volume {JsonRead.String(volume["name"])}";
            if (volume["configMap"] is { } cm && JsonRead.String(cm["name"]) is { } cmName)
                yield return ("ConfigMap", cmName, JsonRead.IsTrue(cm["optional"]), via);
            if (volume["secret"] is { } s && JsonRead.String(s["secretName"]) is { } sName)
                yield return ("Secret", sName, JsonRead.IsTrue(s["optional"]), via);
            foreach (var source in JsonRead.Objects(volume["projected"]?["sources"]))
            {
                if (source["configMap"] is { } pcm && JsonRead.String(pcm["name"]) is { } pcmName)
                    yield return ("ConfigMap", pcmName, JsonRead.IsTrue(pcm["optional"]), via);
                if (source["secret"] is { } ps && JsonRead.String(ps["name"]) is { } psName)
                    yield return ("Secret", psName, JsonRead.IsTrue(ps["optional"]), via);
            }
        }
    }
}
