using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Kubernetes.PodTemplates;

namespace Checklist.Core.Tests.Probes;

public sealed class PodTemplateReaderTests
{
    private const string Workloads = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: nightly}}
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: run, image: "r:1"}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: nightly-29000000
          ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: nightly, uid: u1}]
        spec:
          template:
            spec: {restartPolicy: Never, containers: [{name: run, image: "r:1"}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: bare}
        spec:
          selector: {matchLabels: {app: bare}}
          template:
            metadata: {labels: {app: bare}}
            spec:
              initContainers:
              - {name: setup, image: "s:1"}
              - {name: proxy, image: "p:1", restartPolicy: Always}
              containers: [{name: main, image: "m:1"}]
              ephemeralContainers: [{name: debug, image: "d:1"}]
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: api-123
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, uid: u2}]
        spec:
          template:
            spec: {containers: [{name: main, image: "m:1"}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: one-off, labels: {app: tool}}
        spec: {restartPolicy: Never, containers: [{name: tool, image: "t:1"}]}
        """;

    [Fact]
    public void Enumerate_Workloads_SkipsControlledObjectsAndReadsCronJobTemplates()
    {
        var snapshot = ManifestReader.ReadText(Workloads, "w.yaml", "shop").ToSnapshot(DateTimeOffset.UnixEpoch);

        var templates = PodTemplateReader.Enumerate(snapshot);

        Assert.Equal(["ReplicaSet/shop/bare", "CronJob/shop/nightly", "Pod/shop/one-off"], templates.Select(t => t.Owner.Reference));
        Assert.Equal("nightly", templates[1].Labels["app"]);
        Assert.True(templates[1].RunsToCompletion);
        Assert.True(templates[2].RunsToCompletion);
        Assert.True(templates[0].IsLongRunning);
    }

    [Fact]
    public void Containers_InitSidecarMainEphemeral_GetTheirRoles()
    {
        var snapshot = ManifestReader.ReadText(Workloads, "w.yaml", "shop").ToSnapshot(DateTimeOffset.UnixEpoch);
        var bare = PodTemplateReader.Enumerate(snapshot)[0];

        Assert.Equal(
            [("setup", ContainerRole.Init), ("proxy", ContainerRole.Sidecar), ("main", ContainerRole.Main), ("debug", ContainerRole.Ephemeral)],
            bare.Containers.Select(c => (c.Name, c.Role)));
        Assert.Equal(["proxy", "main"], bare.LongRunningContainers.Select(c => c.Name));
        Assert.Equal(["setup", "proxy", "main"], bare.DeclaredContainers.Select(c => c.Name));
        Assert.Equal(1, bare.DeclaredReplicas);
        Assert.True(bare.Selector.Matches(bare.Labels));
    }

    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("2", 2)]
    [InlineData("1Ki", 1024)]
    [InlineData("1Gi", 1073741824)]
    [InlineData("1G", 1000000000)]
    [InlineData("1e3", 1000)]
    [InlineData("100n", 0.0000001)]
    public void ResourceQuantity_Parse_UnderstandsSuffixes(string text, double expected)
    {
        Assert.Equal((decimal)expected, ResourceQuantity.Parse(text));
    }

    [Fact]
    public void ResourceQuantity_Parse_RejectsGarbage()
    {
        Assert.Null(ResourceQuantity.Parse("lots"));
        Assert.Null(ResourceQuantity.Parse(""));
    }
}
