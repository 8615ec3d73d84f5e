using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Probes.Catalog;

/// <summary>
/// Judges every container of every pod template (Deployment, StatefulSet, DaemonSet, bare ReplicaSet, Job,
/// CronJob, bare Pod), init containers, sidecars and ephemeral containers included: an unpinned debug image is
/// as unreproducible as any other. An image without a tag means :latest.
/// </summary>
public sealed class ImageTagPinnedProbe() : Probe("image-tag-pinned")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => PodTemplateReader.WorkloadKinds;

    protected override ProbeResult Judge(ProbeContext context)
    {
        var requireDigest = context.Arguments.GetBool("requireDigest");
        foreach (var template in context.Index.Templates)
        {
            foreach (var container in template.Containers)
            {
                var image = container.Image;
                if (string.IsNullOrWhiteSpace(image))
                {
                    context.Fail(template.Owner, "names no image", "Set the container's image.", container.Name);
                    continue;
                }
                var (tag, digest) = Split(image);
                if (digest is not null)
                    context.Pass(template.Owner, $"{image} is pinned by digest", container.Name);
                else if (requireDigest)
                    context.Fail(template.Owner, $"{image} is not pinned by digest", "Refer to the image by digest (image@sha256:...), as the item requires.", container.Name);
                else if (tag is null or "latest")
                    context.Fail(template.Owner, $"{image} uses {(tag is null ? "no tag (which means latest)" : "the latest tag")}", "Pin the image to a release tag or a digest.", container.Name);
                else
                    context.Pass(template.Owner, $"{image} is pinned to tag {tag}", container.Name);
            }
        }
        return context.Result("There are no pod templates to judge.");
    }

    /// <summary>The tag and digest of an image reference; a registry port (host:5000/app) is not a tag.</summary>
    internal static (string? Tag, string? Digest) Split(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
            if (!digest.Contains(':')) digest = null;
        }
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon >= 0 ? image[(colon + 1)..] : null;
        return (string.IsNullOrEmpty(tag) ? null : tag, digest);
    }
}
