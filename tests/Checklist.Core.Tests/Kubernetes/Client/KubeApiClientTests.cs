using System.Net;
using System.Net.Sockets;
using Checklist.Core.Kubernetes.Client;

namespace Checklist.Core.Tests.Kubernetes.Client;

public class KubeApiClientTests
{
    [Fact]
    public async Task ListAsync_SeveralPages_FollowsContinueAndSetsApiVersionAndKind()
    {
        await using var cluster = LoopbackCluster.Start();
        for (var i = 0; i < 5; i++) cluster.Server.Add(SampleObjects.Deployment("shop", $"app-{i}", "shop"));
        using var client = new KubeApiClient(cluster.Connection(), new KubeClientOptions(pageSize: 2));

        var items = await client.ListAsync(KubeResources.Deployments, "shop", null, CancellationToken.None);

        Assert.Equal(["app-0", "app-1", "app-2", "app-3", "app-4"], items.Select(i => i.Name));
        Assert.All(items, i => Assert.Equal(("apps/v1", "Deployment", "shop"), (i.ApiVersion, i.Kind, i.Namespace)));
        Assert.All(items, i => Assert.Null(i.Json["metadata"]!["managedFields"]));
        var lists = cluster.Server.Requests.Where(r => r.Path == "/apis/apps/v1/namespaces/shop/deployments").ToList();
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.Equal("2", r.Query["limit"]));
        Assert.False(lists[0].Query.ContainsKey("continue"));
        Assert.True(lists[1].Query.ContainsKey("continue") && lists[2].Query.ContainsKey("continue"));
    }

    [Fact]
    public async Task ListAsync_ContinueTokenExpired_StartsOverOnce()
    {
        await using var cluster = LoopbackCluster.Start();
        for (var i = 0; i < 5; i++) cluster.Server.Add(SampleObjects.Deployment("shop", $"app-{i}", "shop"));
        cluster.Server.FailNext("/apis/apps/v1/namespaces/shop/deployments", 410, onlyWhenContinuing: true);
        using var client = new KubeApiClient(cluster.Connection(), new KubeClientOptions(pageSize: 2));

        var items = await client.ListAsync(KubeResources.Deployments, "shop", null, CancellationToken.None);

        Assert.Equal(["app-0", "app-1", "app-2", "app-3", "app-4"], items.Select(i => i.Name));
        Assert.Equal(5, cluster.Server.Requests.Count);
    }

    [Theory]
    [InlineData("app=web", "web")]
    [InlineData("tier in (frontend,backend)", "web,worker,db")]
    [InlineData("tier notin (frontend),release", "worker,db,log-agent")]
    [InlineData("release=shop,app!=web", "worker,db,log-agent")]
    [InlineData("!tier", "log-agent")]
    public async Task ListAsync_LabelSelector_IsSentAndNarrowsTheList(string selector, string expected)
    {
        await using var cluster = LoopbackCluster.WithFixture();
        using var client = new KubeApiClient(cluster.Connection());

        var names = new List<string>();
        foreach (var kind in new[] { KubeResources.Deployments, KubeResources.StatefulSets, KubeResources.DaemonSets })
            names.AddRange((await client.ListAsync(kind, "shop", selector, CancellationToken.None)).Select(o => o.Name));

        Assert.Equal(expected.Split(','), names);
        Assert.All(cluster.Server.Requests, r => Assert.Equal(selector, r.Query["labelSelector"]));
    }

    [Fact]
    public async Task ListAsync_Secrets_AsksForMetadataOnlyAndNeverReturnsData()
    {
        await using var cluster = LoopbackCluster.WithFixture();
        using var client = new KubeApiClient(cluster.Connection());

        var secret = Assert.Single(await client.ListAsync(KubeResources.Secrets, "shop", null, CancellationToken.None));

        Assert.Equal(("v1", "Secret", "web-db"), (secret.ApiVersion, secret.Kind, secret.Name));
        Assert.Equal(["apiVersion", "kind", "metadata"], secret.Json.Select(p => p.Key));
        Assert.DoesNotContain("aHVudGVyMg==", secret.Json.ToJsonString());
        Assert.Equal("team-shop", secret.Annotations["owner"]);
        var request = Assert.Single(cluster.Server.Requests);
        Assert.Equal("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", request.Headers["Accept"].Replace(" ", ""));
    }

    [Fact]
    public async Task ListAsync_ResourceWithoutMetadataOnly_StillStripsSecretData()
    {
        // Even a caller that builds its own Secret resource without MetadataOnly gets metadata only.
        await using var cluster = LoopbackCluster.WithFixture();
        using var client = new KubeApiClient(cluster.Connection());
        var fullSecrets = new KubeResource("Secret", "", "v1", "secrets");

        var secret = Assert.Single(await client.ListAsync(fullSecrets, "shop", null, CancellationToken.None));

        Assert.Null(secret.Json["data"]);
        Assert.Contains("PartialObjectMetadataList", Assert.Single(cluster.Server.Requests).Headers["Accept"]);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/shop/secrets/web-db")]
    [InlineData("/api/v1/namespaces/shop/secrets")]
    [InlineData("/api/v1/namespaces/shop/configmaps/../secrets/web-db")]
    [InlineData("/api/v1/namespaces/shop/secr%65ts/web-db")]
    public async Task GetAsync_SecretPath_IsRefusedWithoutARequest(string path)
    {
        await using var cluster = LoopbackCluster.WithFixture();
        using var client = new KubeApiClient(cluster.Connection());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync(path, CancellationToken.None));

        Assert.Equal(KubeApiFailure.Refused, error.Failure);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task EveryOperation_SendsOnlyGet()
    {
        await using var cluster = LoopbackCluster.WithFixture();
        using var client = new KubeApiClient(cluster.Connection());

        await client.GetServerVersionAsync(CancellationToken.None);
        await client.DiscoverAsync(CancellationToken.None);
        await client.GetAsync("/api/v1/namespaces/shop", CancellationToken.None);
        foreach (var kind in KubeResources.ForProbes)
        {
            try { await client.ListAsync(kind, "shop", "release=shop", CancellationToken.None); }
            catch (KubeApiException e) when (e.Failure == KubeApiFailure.NotFound) { }
        }

        Assert.True(cluster.Server.Requests.Count >= 3 + KubeResources.ForProbes.Count);
        Assert.All(cluster.Server.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task GetServerVersionAsync_ReturnsGitVersion()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.GitVersion = "v1.30.4+k3s1";
        using var client = new KubeApiClient(cluster.Connection());

        Assert.Equal("v1.30.4+k3s1", await client.GetServerVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DiscoverAsync_ReportsCoreAndGroupVersions()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.GroupVersions.Add("monitoring.coreos.com/v1");
        using var client = new KubeApiClient(cluster.Connection());

        var served = await client.DiscoverAsync(CancellationToken.None);

        Assert.Contains("v1", served.GroupVersions);
        Assert.Contains("autoscaling/v2", served.GroupVersions);
        Assert.Contains("", served.Groups);
        Assert.Contains("monitoring.coreos.com", served.Groups);
        Assert.DoesNotContain("velero.io", served.Groups);
    }

    [Fact]
    public async Task Tls_ServerSignedByAnotherCa_FailsAsUntrusted()
    {
        await using var cluster = LoopbackCluster.Start();
        using var otherCa = new TestPki("someone-else");
        using var client = new KubeApiClient(new KubeConnection(cluster.Server.Address, certificateAuthorityPem: otherCa.AuthorityPem, bearerToken: LoopbackCluster.Token));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Tls, error.Failure);
        Assert.Contains("not signed by the configured certificate authority", error.Message);
    }

    [Fact]
    public async Task Tls_CertificateForAnotherName_FailsAsNameMismatch()
    {
        using var pki = new TestPki();
        await using var cluster = LoopbackCluster.Start(serverCertificate: pki.IssueServer(["kube.example.com"], []));
        using var client = new KubeApiClient(new KubeConnection(cluster.Server.Address, certificateAuthorityPem: pki.AuthorityPem, bearerToken: LoopbackCluster.Token));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Tls, error.Failure);
        Assert.Contains("name mismatch", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
    }

    [Fact]
    public async Task Tls_NoCaGiven_PrivateCaIsNotTrusted()
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(new KubeConnection(cluster.Server.Address, bearerToken: LoopbackCluster.Token));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Tls, error.Failure);
        Assert.Contains("certificate-authority-data", error.Message);
    }

    [Fact]
    public async Task Tls_InsecureSkipVerify_ConnectsToAnyCertificate()
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(new KubeConnection(cluster.Server.Address, insecureSkipTlsVerify: true, bearerToken: LoopbackCluster.Token));

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ClientCertificate_ServerRequiresOne_AuthenticatesWithPem()
    {
        await using var cluster = LoopbackCluster.Start(requireClientCertificate: true);
        using var clientCertificate = cluster.Pki.IssueClient();
        var connection = new KubeConnection(cluster.Server.Address, certificateAuthorityPem: cluster.Pki.AuthorityPem,
            clientCertificatePem: clientCertificate.ExportCertificatePem(), clientKeyPem: TestPki.KeyPem(clientCertificate));
        using var client = new KubeApiClient(connection);

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ClientCertificate_ServerRequiresOneButNoneGiven_Fails()
    {
        await using var cluster = LoopbackCluster.Start(requireClientCertificate: true);
        using var client = new KubeApiClient(new KubeConnection(cluster.Server.Address, certificateAuthorityPem: cluster.Pki.AuthorityPem), new KubeClientOptions(maxAttempts: 1));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.True(error.Failure is KubeApiFailure.Tls or KubeApiFailure.Connection, error.Message);
        Assert.Contains("client certificate", error.Message);
    }

    [Fact]
    public async Task ClientCertificate_KeyDoesNotMatch_IsACredentialsError()
    {
        using var pki = new TestPki();
        using var one = pki.IssueClient("one");
        using var two = pki.IssueClient("two");
        var connection = new KubeConnection(new Uri("https://127.0.0.1:1"), clientCertificatePem: one.ExportCertificatePem(), clientKeyPem: TestPki.KeyPem(two));

        var error = Assert.Throws<KubeApiException>(() => new KubeApiClient(connection));

        Assert.Equal(KubeApiFailure.Credentials, error.Failure);
    }

    [Fact]
    public async Task WrongToken_IsUnauthorizedWithAdvice()
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(cluster.Connection("stale-token"));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.DiscoverAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Unauthorized, error.Failure);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("invalid or has expired", error.Message);
    }

    [Fact]
    public async Task TokenFile_RotatedBetweenRequests_IsReadAgain()
    {
        await using var cluster = LoopbackCluster.Start();
        var tokenFile = Path.Combine(Directory.CreateTempSubdirectory("token").FullName, "token");
        File.WriteAllText(tokenFile, LoopbackCluster.Token);
        using var client = new KubeApiClient(new KubeConnection(cluster.Server.Address, certificateAuthorityPem: cluster.Pki.AuthorityPem, tokenFile: tokenFile));
        await client.GetServerVersionAsync(CancellationToken.None);

        cluster.Server.RequiredToken = "rotated-token";
        File.WriteAllText(tokenFile, "rotated-token\n");
        File.SetLastWriteTimeUtc(tokenFile, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));
        Assert.Equal("Bearer rotated-token", cluster.Server.Requests[^1].Headers["Authorization"]);
    }

    [Fact]
    public async Task Forbidden_NamesTheMissingPermission()
    {
        await using var cluster = LoopbackCluster.WithFixture();
        cluster.Server.Forbid("deployments");
        using var client = new KubeApiClient(cluster.Connection());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(KubeResources.Deployments, "shop", null, CancellationToken.None));

        Assert.Equal(KubeApiFailure.Forbidden, error.Failure);
        Assert.Contains("may not list deployments.apps in namespace \"shop\"", error.Message);
        Assert.Contains("cannot list resource \"deployments\" in API group \"apps\"", error.Message);
    }

    [Fact]
    public async Task NotFound_GroupNotServed_SaysTheClusterDoesNotServeIt()
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(cluster.Connection());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(KubeResources.ServiceMonitors, "shop", null, CancellationToken.None));

        Assert.Equal(KubeApiFailure.NotFound, error.Failure);
        Assert.Contains("does not serve servicemonitors in monitoring.coreos.com/v1", error.Message);
    }

    [Fact]
    public async Task NotFound_NamedObject_SaysItDoesNotExist()
    {
        await using var cluster = LoopbackCluster.WithFixture();
        using var client = new KubeApiClient(cluster.Connection());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync("/api/v1/namespaces/nowhere", CancellationToken.None));

        Assert.Equal(KubeApiFailure.NotFound, error.Failure);
        Assert.Contains("namespaces \"nowhere\" does not exist", error.Message);
    }

    [Fact]
    public async Task SlowServer_TimesOutWithTheConfiguredTimeout()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.Delay("/version", TimeSpan.FromSeconds(5));
        using var client = new KubeApiClient(cluster.Connection(), new KubeClientOptions(requestTimeout: TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Timeout, error.Failure);
        Assert.Contains("did not answer within 0.3 s", error.Message);
    }

    [Fact]
    public async Task CallerCancels_IsCancellationNotTimeout()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.Delay("/version", TimeSpan.FromSeconds(5));
        using var client = new KubeApiClient(cluster.Connection());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetServerVersionAsync(cancel.Token));
    }

    [Fact]
    public async Task ServiceUnavailableTwice_RetriesWithExponentialBackoff()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.FailNext("/version", 503);
        cluster.Server.FailNext("/version", 503);
        var time = new RecordingTimeProvider();
        using var client = new KubeApiClient(cluster.Connection(), new KubeClientOptions(initialBackoff: TimeSpan.FromMilliseconds(200)), time);

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(3, cluster.Server.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], time.Delays);
    }

    [Fact]
    public async Task TooManyRequests_HonoursRetryAfter()
    {
        await using var cluster = LoopbackCluster.Start();
        cluster.Server.FailNext("/version", 429, retryAfter: "7");
        var time = new RecordingTimeProvider();
        using var client = new KubeApiClient(cluster.Connection(), time: time);

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal([TimeSpan.FromSeconds(7)], time.Delays);
    }

    [Fact]
    public async Task ServerErrorEveryTime_GivesUpAfterMaxAttempts()
    {
        await using var cluster = LoopbackCluster.Start();
        for (var i = 0; i < 5; i++) cluster.Server.FailNext("/version", 503);
        using var client = new KubeApiClient(cluster.Connection(), new KubeClientOptions(maxAttempts: 3), new RecordingTimeProvider());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.ServerError, error.Failure);
        Assert.Equal(3, cluster.Server.Requests.Count);
        Assert.Contains("503", error.Message);
    }

    [Fact]
    public async Task UnknownHost_IsHostNotFound()
    {
        using var client = new KubeApiClient(new KubeConnection(new Uri("https://no-such-cluster.invalid:6443"), insecureSkipTlsVerify: true));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.HostNotFound, error.Failure);
        Assert.Contains("\"no-such-cluster.invalid\"", error.Message);
    }

    [Fact]
    public async Task NothingListening_IsConnectionRefused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var client = new KubeApiClient(new KubeConnection(new Uri($"https://127.0.0.1:{port}"), insecureSkipTlsVerify: true));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.ConnectionRefused, error.Failure);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }
}
