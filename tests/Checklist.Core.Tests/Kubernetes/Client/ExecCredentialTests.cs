using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes.Client;

namespace Checklist.Core.Tests.Kubernetes.Client;

/// <summary>Exec credential plugins, run for real: a bash script that prints what the test wrote for it.</summary>
public class ExecCredentialTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exec-plugin").FullName;

    private string CountFile => Path.Combine(_folder, "runs");
    private string CredentialFile => Path.Combine(_folder, "credential.json");

    private int Runs => File.Exists(CountFile) ? File.ReadAllLines(CountFile).Length : 0;

    private ExecCredentialConfig Plugin(string body = "cat \"$CREDENTIAL_FILE\"", string apiVersion = ExecCredentialConfig.V1)
    {
        var script = Path.Combine(_folder, "kube-login");
        File.WriteAllText(script, $"#!/bin/bash\necho run >> \"$COUNT_FILE\"\n{body}\n");
        // The plugin is a bash script: these tests run where bash does (Linux, macOS), as the CI does.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new ExecCredentialConfig(apiVersion, script, ["--cluster", "shop"],
            new Dictionary<string, string> { ["COUNT_FILE"] = CountFile, ["CREDENTIAL_FILE"] = CredentialFile }, "Install kube-login from the platform team's wiki.");
    }

    private void WriteCredential(JsonObject status, string apiVersion = ExecCredentialConfig.V1) =>
        File.WriteAllText(CredentialFile, new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = "ExecCredential", ["status"] = status }.ToJsonString());

    private static KubeConnection Connect(LoopbackCluster cluster, ExecCredentialConfig exec) =>
        new(cluster.Server.Address, certificateAuthorityPem: cluster.Pki.AuthorityPem, exec: exec);

    [Fact]
    public async Task Token_UntilExpiration_PluginRunsOnce()
    {
        await using var cluster = LoopbackCluster.Start();
        var time = new RecordingTimeProvider { Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        WriteCredential(new JsonObject { ["token"] = LoopbackCluster.Token, ["expirationTimestamp"] = "2026-01-01T00:10:00Z" });
        using var client = new KubeApiClient(Connect(cluster, Plugin()), time: time);

        await client.GetServerVersionAsync(CancellationToken.None);
        await client.DiscoverAsync(CancellationToken.None);
        Assert.Equal(1, Runs);

        time.Now = time.Now.AddMinutes(11);
        await client.GetServerVersionAsync(CancellationToken.None);
        Assert.Equal(2, Runs);
        Assert.All(cluster.Server.Requests, r => Assert.Equal($"Bearer {LoopbackCluster.Token}", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Token_RejectedWith401_PluginRunsAgainOnce()
    {
        await using var cluster = LoopbackCluster.Start();
        WriteCredential(new JsonObject { ["token"] = LoopbackCluster.Token }, ExecCredentialConfig.V1Beta1);
        using var client = new KubeApiClient(Connect(cluster, Plugin(apiVersion: ExecCredentialConfig.V1Beta1)));
        await client.GetServerVersionAsync(CancellationToken.None);

        cluster.Server.RequiredToken = "fresh-token";
        WriteCredential(new JsonObject { ["token"] = "fresh-token" }, ExecCredentialConfig.V1Beta1);

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task ClientCertificate_FromPlugin_IsPresentedInTheHandshake()
    {
        await using var cluster = LoopbackCluster.Start(requireClientCertificate: true);
        using var certificate = cluster.Pki.IssueClient("exec-user");
        WriteCredential(new JsonObject { ["clientCertificateData"] = certificate.ExportCertificatePem(), ["clientKeyData"] = TestPki.KeyPem(certificate) });
        using var client = new KubeApiClient(Connect(cluster, Plugin()));

        Assert.Equal("v1.31.2", await client.GetServerVersionAsync(CancellationToken.None));
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task PluginFails_ErrorCarriesExitCodeAndStderr()
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(Connect(cluster, Plugin("echo 'error: the SSO session has expired, run: kube-login sso' >&2\nexit 3")));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Credentials, error.Failure);
        Assert.Contains("exited with code 3: error: the SSO session has expired, run: kube-login sso", error.Message);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task CommandMissing_SaysSoWithTheInstallHint()
    {
        await using var cluster = LoopbackCluster.Start();
        var exec = new ExecCredentialConfig(ExecCredentialConfig.V1, Path.Combine(_folder, "not-installed"), installHint: "Install kube-login from the platform team's wiki.");
        using var client = new KubeApiClient(Connect(cluster, exec));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Credentials, error.Failure);
        Assert.Contains("not-installed\" could not be started", error.Message);
        Assert.Contains("Install kube-login from the platform team's wiki.", error.Message);
    }

    [Fact]
    public async Task PluginHangs_IsKilledAfterTheExecTimeout()
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(Connect(cluster, Plugin("sleep 30")), new KubeClientOptions(execTimeout: TimeSpan.FromMilliseconds(500)));
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Credentials, error.Failure);
        Assert.Contains("did not finish within 0.5 s", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("echo not json", "not an ExecCredential JSON object")]
    [InlineData("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"x\"}}'", "expected ExecCredential client.authentication.k8s.io/v1")]
    [InlineData("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'", "neither status.token")]
    public async Task PluginPrintsSomethingElse_IsACredentialsError(string body, string expected)
    {
        await using var cluster = LoopbackCluster.Start();
        using var client = new KubeApiClient(Connect(cluster, Plugin(body)));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetServerVersionAsync(CancellationToken.None));

        Assert.Equal(KubeApiFailure.Credentials, error.Failure);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Plugin_ReceivesArgsEnvAndExecInfo()
    {
        await using var cluster = LoopbackCluster.Start();
        var seen = Path.Combine(_folder, "seen");
        WriteCredential(new JsonObject { ["token"] = LoopbackCluster.Token });
        using var client = new KubeApiClient(Connect(cluster, Plugin($"echo \"$@|$KUBERNETES_EXEC_INFO\" > '{seen}'\ncat \"$CREDENTIAL_FILE\"")));

        await client.GetServerVersionAsync(CancellationToken.None);

        var line = File.ReadAllText(seen).Trim();
        Assert.StartsWith("--cluster shop|", line);
        Assert.Contains("\"interactive\":false", line);
    }
}
