using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Client;

namespace Checklist.Core.Tests.Kubernetes.Client;

public class ClusterSnapshotReaderTests
{
    private static LoopbackCluster FixtureWithAddOns()
    {
        var cluster = LoopbackCluster.WithFixture();
        cluster.Server.GroupVersions.Add("monitoring.coreos.com/v1");
        cluster.Server.GroupVersions.Add("velero.io/v1");
        return cluster;
    }

    [Fact]
    public async Task ReadAsync_FixtureCluster_ReadsEveryKindOfTheTargetNamespace()
    {
        await using var cluster = FixtureWithAddOns();
        var takenAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        var snapshot = await new ClusterSnapshotReader(time: new RecordingTimeProvider { Now = takenAt })
            .ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None);

        Assert.Equal(SnapshotOrigin.Cluster, snapshot.Origin);
        Assert.Equal(cluster.Server.Address.ToString(), snapshot.Source);
        Assert.Equal("shop", snapshot.TargetNamespace);
        Assert.Equal(takenAt, snapshot.TakenAt);
        Assert.Equal("v1.31.2", snapshot.ServerVersion);
        Assert.Empty(snapshot.KindErrors);
        Assert.True(snapshot.MayServe("monitoring.coreos.com") && snapshot.MayServe("apps") && snapshot.MayServe(""));
        Assert.False(snapshot.MayServe("cert-manager.io"));

        var ns = Assert.Single(snapshot.OfKind("Namespace"));
        Assert.Equal("restricted", ns.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal(["web", "worker"], snapshot.OfKind("Deployment").Select(d => d.Name));
        Assert.Equal(["web-7d4b9c", "web-5f6a1e"], snapshot.OfKind("ReplicaSet").Select(d => d.Name));
        Assert.Equal("3", snapshot.OfKind("ReplicaSet")[1].Annotations["deployment.kubernetes.io/revision"]);
        foreach (var kind in new[] { "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "Service", "Ingress", "ConfigMap", "Secret", "ServiceAccount",
                     "PersistentVolumeClaim", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "LimitRange", "ResourceQuota", "ServiceMonitor", "PodMonitor" })
            Assert.Single(snapshot.OfKind(kind));
        var schedule = Assert.Single(snapshot.OfKind("Schedule"));
        Assert.Equal(("velero.io/v1", "velero"), (schedule.ApiVersion, schedule.Namespace));
        Assert.All(snapshot.Objects.Where(o => o.Kind != "Schedule" && o.Kind != "Namespace"), o => Assert.Equal("shop", o.Namespace));
        Assert.Null(snapshot.OfKind("ConfigMap")[0].Json["data"]);
        Assert.Null(snapshot.OfKind("Secret")[0].Json["data"]);
        Assert.Equal("autoscaling/v2", snapshot.OfKind("HorizontalPodAutoscaler")[0].ApiVersion);
        Assert.Equal(3, (int)snapshot.OfKind("Deployment")[0].Json["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task ReadAsync_Selector_NarrowsTheReleaseObjectsButNotWhatTheyReference()
    {
        await using var cluster = FixtureWithAddOns();

        var snapshot = await new ClusterSnapshotReader().ReadAsync(cluster.Connection(), "shop", "app=web", null, CancellationToken.None);

        Assert.Equal(["web"], snapshot.OfKind("Deployment").Select(d => d.Name));
        Assert.Empty(snapshot.OfKind("StatefulSet"));
        Assert.Equal(2, snapshot.OfKind("ReplicaSet").Count);
        Assert.Single(snapshot.OfKind("Service"));
        Assert.Single(snapshot.OfKind("PodDisruptionBudget"));
        Assert.Single(snapshot.OfKind("NetworkPolicy"));
        Assert.Single(snapshot.OfKind("Secret"));
        var withSelector = cluster.Server.Requests.Where(r => r.Query.ContainsKey("labelSelector")).Select(r => r.Path.Split('/')[^1]).Order().ToArray();
        Assert.Equal(["cronjobs", "daemonsets", "deployments", "ingresses", "jobs", "pods", "replicasets", "services", "statefulsets"], withSelector);
    }

    [Fact]
    public async Task ReadAsync_ForbiddenKind_IsAKindErrorAndTheRestIsRead()
    {
        await using var cluster = FixtureWithAddOns();
        cluster.Server.Forbid("networkpolicies");

        var snapshot = await new ClusterSnapshotReader().ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None);

        var reason = Assert.Single(snapshot.KindErrors);
        Assert.Equal("NetworkPolicy", reason.Key);
        Assert.Contains("may not list networkpolicies.networking.k8s.io in namespace \"shop\"", reason.Value);
        Assert.Empty(snapshot.OfKind("NetworkPolicy"));
        Assert.Equal(2, snapshot.OfKind("Deployment").Count);
    }

    [Fact]
    public async Task ReadAsync_SlowKind_TimesOutIntoKindErrors()
    {
        await using var cluster = FixtureWithAddOns();
        cluster.Server.Delay("/apis/apps/v1/namespaces/shop/statefulsets", TimeSpan.FromSeconds(5));
        var reader = new ClusterSnapshotReader(new KubeClientOptions(requestTimeout: TimeSpan.FromMilliseconds(500)));

        var snapshot = await reader.ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None);

        Assert.Contains("Timeout", snapshot.KindErrors["StatefulSet"]);
        Assert.Single(snapshot.KindErrors);
        Assert.Equal(2, snapshot.OfKind("Deployment").Count);
    }

    [Fact]
    public async Task ReadAsync_AddOnGroupsNotServed_AreSkippedWithoutRequests()
    {
        await using var cluster = LoopbackCluster.WithFixture();

        var snapshot = await new ClusterSnapshotReader().ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None);

        Assert.Empty(snapshot.KindErrors);
        Assert.Empty(snapshot.OfKind("ServiceMonitor"));
        Assert.Empty(snapshot.OfKind("Schedule"));
        Assert.False(snapshot.MayServe("velero.io"));
        Assert.DoesNotContain(cluster.Server.Requests, r => r.Path.Contains("monitoring.coreos.com") || r.Path.Contains("velero.io"));
    }

    [Fact]
    public async Task ReadAsync_RequiredVersionNotServed_IsAKindError()
    {
        await using var cluster = LoopbackCluster.WithFixture();
        cluster.Server.GroupVersions.Remove("autoscaling/v2");

        var snapshot = await new ClusterSnapshotReader().ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None);

        Assert.Contains("does not serve autoscaling/v2", snapshot.KindErrors["HorizontalPodAutoscaler"]);
    }

    [Fact]
    public async Task ReadAsync_NamespaceMissing_IsAKindError()
    {
        await using var cluster = LoopbackCluster.WithFixture();

        var snapshot = await new ClusterSnapshotReader().ReadAsync(cluster.Connection(), "nowhere", null, null, CancellationToken.None);

        Assert.Equal($"Namespace \"nowhere\" does not exist on {cluster.Server.Address}.", snapshot.KindErrors["Namespace"]);
        Assert.Empty(snapshot.OfKind("Deployment"));
    }

    [Fact]
    public async Task ReadAsync_CredentialsRejected_ThrowsInsteadOfAnEmptySnapshot()
    {
        await using var cluster = LoopbackCluster.WithFixture();

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            new ClusterSnapshotReader().ReadAsync(cluster.Connection("expired"), "shop", null, null, CancellationToken.None));

        Assert.Equal(KubeApiFailure.Unauthorized, error.Failure);
    }

    [Fact]
    public async Task ReadAsync_DiscoveryFails_Throws()
    {
        await using var cluster = LoopbackCluster.WithFixture();
        for (var i = 0; i < 2; i++) cluster.Server.FailNext("/apis", 503);
        var reader = new ClusterSnapshotReader(new KubeClientOptions(maxAttempts: 2), new RecordingTimeProvider());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => reader.ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None));

        Assert.Equal(KubeApiFailure.ServerError, error.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Shop")]
    [InlineData("shop/../kube-system")]
    public async Task ReadAsync_BadNamespaceName_IsRefusedBeforeAnyRequest(string ns)
    {
        await using var cluster = LoopbackCluster.WithFixture();

        await Assert.ThrowsAsync<ArgumentException>(() => new ClusterSnapshotReader().ReadAsync(cluster.Connection(), ns, null, null, CancellationToken.None));

        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task ReadAsync_ThousandWorkloads_OneRequestPerKindAndPage()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.Add(SampleObjects.Namespace("shop"));
        cluster.Server.AddRange(Enumerable.Range(0, 1000).Select(i => SampleObjects.Deployment("shop", $"svc-{i:D4}", $"svc-{i % 50}")));

        var snapshot = await new ClusterSnapshotReader().ReadAsync(cluster.Connection(), "shop", null, null, CancellationToken.None);

        Assert.Equal(1000, snapshot.OfKind("Deployment").Count);
        Assert.Equal(1000, snapshot.OfKind("Deployment").Select(d => d.Name).Distinct().Count());
        Assert.Empty(snapshot.KindErrors);
        var requests = cluster.Server.Requests;
        // Default page size 500: two pages of Deployments, one LIST for each other kind the cluster serves.
        var served = KubeResources.ForProbes.Count(r => !r.OnlyWhenServed);
        Assert.Equal(2, requests.Count(r => r.Path.EndsWith("/deployments", StringComparison.Ordinal)));
        Assert.Equal(3 + 1 + served + 1, requests.Count); // /version, /api, /apis; the namespace; the lists; the second page
        Assert.Equal(requests.Count, requests.Select(r => (r.Path, r.Query.GetValueOrDefault("continue"))).Distinct().Count());
    }
}
