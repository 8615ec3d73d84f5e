using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Client;
using Checklist.Core.Kubernetes.Selectors;
using Checklist.Core.Runs;
using Checklist.Web.Clusters;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Verification;

/// <summary>The snapshot a verification reads, or why there is none.</summary>
public sealed record TargetSnapshot(ClusterSnapshot? Snapshot, string? Error, string? ServerAddress, string? ServerVersion)
{
    public static TargetSnapshot Unreadable(string error, string? serverAddress = null) => new(null, error, serverAddress, null);
}

/// <summary>
/// Takes the one snapshot a verification reads: the manifest bundle it names (objects without a namespace get the
/// run's), or the registered cluster (one LIST per kind in the run's namespace, narrowed by its selector).
/// </summary>
public sealed class TargetSnapshotReader(ChecklistDbContext db, ClusterSecrets secrets, KubeClientOptions kubeOptions, TimeProvider time)
{
    public async Task<TargetSnapshot> ReadAsync(Run run, VerificationRecord verification, CancellationToken ct)
    {
        LabelSelector? selector = null;
        if (!string.IsNullOrWhiteSpace(run.Target.Selector) && !LabelSelector.TryParse(run.Target.Selector, out selector, out var problem))
            return TargetSnapshot.Unreadable($"The run's label selector \"{run.Target.Selector}\" is not valid: {problem}");

        return verification.Source == VerificationSource.Manifests
            ? await FromManifestsAsync(run, verification, selector, ct)
            : await FromClusterAsync(run, verification, ct);
    }

    private async Task<TargetSnapshot> FromManifestsAsync(Run run, VerificationRecord verification, LabelSelector? selector, CancellationToken ct)
    {
        var bundle = await db.ManifestBundles.AsNoTracking().SingleOrDefaultAsync(b => b.Id == verification.ManifestBundleId, ct);
        if (bundle is null) return TargetSnapshot.Unreadable("The manifest bundle this verification was queued for no longer exists; upload the manifests again.");
        try
        {
            var read = ManifestReader.ReadText(bundle.Content, bundle.FileName, run.Target.Namespace);
            if (read.HasErrors)
                return TargetSnapshot.Unreadable($"The stored manifest bundle cannot be read: {string.Join("; ", read.Errors)}");
            return new TargetSnapshot(read.ToSnapshot(time.GetUtcNow(), selector), null, null, null);
        }
        catch (ManifestsRejectedException e)
        {
            return TargetSnapshot.Unreadable($"The stored manifest bundle cannot be read: {string.Join("; ", e.Errors)}");
        }
    }

    private async Task<TargetSnapshot> FromClusterAsync(Run run, VerificationRecord verification, CancellationToken ct)
    {
        var cluster = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == verification.ClusterId, ct);
        if (cluster is null) return TargetSnapshot.Unreadable("The run's cluster is no longer registered; register it again and point the run at it.");
        if (string.IsNullOrWhiteSpace(run.Target.Namespace))
            return TargetSnapshot.Unreadable("The run names no namespace to read in its cluster.", cluster.Server);
        try
        {
            var connection = secrets.Connect(cluster);
            var snapshot = await new ClusterSnapshotReader(kubeOptions, time).ReadAsync(connection, run.Target.Namespace, run.Target.Selector, null, ct);
            return new TargetSnapshot(snapshot, null, cluster.Server, snapshot.ServerVersion);
        }
        catch (KubeApiException e)
        {
            return TargetSnapshot.Unreadable($"The cluster {cluster.Name} could not be read: {e.Message}", cluster.Server);
        }
        catch (KubeconfigException e)
        {
            return TargetSnapshot.Unreadable($"The cluster {cluster.Name} could not be read: {e.Message}", cluster.Server);
        }
        catch (ArgumentException e)
        {
            // The namespace name was refused before any request.
            return TargetSnapshot.Unreadable($"The cluster {cluster.Name} could not be read: {e.Message.Split(" (Parameter")[0]}", cluster.Server);
        }
    }
}
