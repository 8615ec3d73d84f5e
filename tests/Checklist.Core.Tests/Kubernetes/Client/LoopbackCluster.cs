using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes.Client;

namespace Checklist.Core.Tests.Kubernetes.Client;

/// <summary>A private CA, a fake API server with a certificate for 127.0.0.1, and a connection that trusts only that CA.</summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    public const string Token = "reader-token";

    private LoopbackCluster(TestPki pki, X509Certificate2 serverCertificate, FakeKubeApiServer server)
    {
        Pki = pki;
        ServerCertificate = serverCertificate;
        Server = server;
    }

    public TestPki Pki { get; }
    public X509Certificate2 ServerCertificate { get; }
    public FakeKubeApiServer Server { get; }

    public static LoopbackCluster Start(bool requireClientCertificate = false, X509Certificate2? serverCertificate = null)
    {
        var pki = new TestPki();
        var certificate = serverCertificate ?? pki.IssueServer();
        var server = new FakeKubeApiServer(certificate, requireClientCertificate ? pki.Authority : null);
        if (!requireClientCertificate) server.RequiredToken = Token;
        return new LoopbackCluster(pki, certificate, server);
    }

    /// <summary>Starts a server whose objects are the fixture file's.</summary>
    public static LoopbackCluster WithFixture(string fixture = "shop-cluster.json")
    {
        var cluster = Start();
        var path = Path.Combine(AppContext.BaseDirectory, "Kubernetes", "Client", "Fixtures", fixture);
        foreach (var node in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
            cluster.Server.Add(node!.AsObject().DeepClone().AsObject());
        return cluster;
    }

    public KubeConnection Connection(string? token = Token) =>
        new(Server.Address, "loopback", certificateAuthorityPem: Pki.AuthorityPem, bearerToken: token);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        ServerCertificate.Dispose();
        Pki.Dispose();
    }
}

/// <summary>Completes every delay at once and records how long it was asked to wait; its clock is set by the test.</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
