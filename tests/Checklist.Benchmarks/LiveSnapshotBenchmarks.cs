using BenchmarkDotNet.Attributes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Client;
using Checklist.Core.Tests.Kubernetes.Client;

namespace Checklist.Benchmarks;

/// <summary>
/// A live snapshot of a namespace with 1,000 Deployments, read from the loopback fake API server over TLS:
/// discovery, the namespace, then one paged LIST per kind. Target: under 2 s.
/// </summary>
[MemoryDiagnoser]
public class LiveSnapshotBenchmarks
{
    private TestPki _pki = null!;
    private FakeKubeApiServer _server = null!;
    private KubeConnection _connection = null!;
    private readonly ClusterSnapshotReader _reader = new();

    [GlobalSetup]
    public void Setup()
    {
        _pki = new TestPki();
        _server = new FakeKubeApiServer(_pki.IssueServer()) { RequiredToken = "bench-token" };
        _server.Add(SampleObjects.Namespace("shop"));
        _server.AddRange(Enumerable.Range(0, 1000).Select(i => SampleObjects.Deployment("shop", $"svc-{i:D4}", $"svc-{i % 50}")));
        _connection = new KubeConnection(_server.Address, "bench", certificateAuthorityPem: _pki.AuthorityPem, bearerToken: "bench-token");
    }

    [Benchmark(Description = "ClusterSnapshotReader.ReadAsync, 1,000 Deployments")]
    public async Task<ClusterSnapshot> ReadThousandWorkloads()
    {
        var snapshot = await _reader.ReadAsync(_connection, "shop", null, null, CancellationToken.None);
        if (snapshot.OfKind("Deployment").Count != 1000 || snapshot.KindErrors.Count != 0)
            throw new InvalidOperationException($"The snapshot is incomplete: {snapshot.OfKind("Deployment").Count} Deployments, errors: {string.Join("; ", snapshot.KindErrors.Values)}");
        return snapshot;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _server.DisposeAsync();
        _pki.Dispose();
    }
}
