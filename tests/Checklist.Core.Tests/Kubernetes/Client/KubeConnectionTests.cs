using System.Text;
using Checklist.Core.Kubernetes.Client;

namespace Checklist.Core.Tests.Kubernetes.Client;

public class KubeConnectionTests
{
    private static readonly string KubeconfigFolder = Path.Combine(AppContext.BaseDirectory, "Kubernetes", "Client", "Fixtures", "kubeconfig");

    private static string Fixture(string name) => Path.Combine(KubeconfigFolder, name);

    [Fact]
    public void FromKubeconfigFile_CurrentContext_ReadsServerCaTokenAndNamespace()
    {
        var connection = KubeConnection.FromKubeconfigFile(Fixture("multi-context.yaml"));

        Assert.Equal("prod", connection.Name);
        Assert.Equal(new Uri("https://prod.example.com:6443"), connection.Server);
        Assert.Contains("prod-ca", connection.CertificateAuthorityPem);
        Assert.Equal("prod-token-123", connection.BearerToken);
        Assert.Equal("shop", connection.DefaultNamespace);
        Assert.False(connection.InsecureSkipTlsVerify);
        Assert.Null(connection.Exec);
    }

    [Fact]
    public void FromKubeconfigFile_ContextOverride_ResolvesRelativeFilesAgainstKubeconfigFolder()
    {
        var connection = KubeConnection.FromKubeconfigFile(Fixture("multi-context.yaml"), "staging");

        Assert.Equal(new Uri("https://staging.example.com"), connection.Server);
        Assert.Contains("staging-ca-placeholder", connection.CertificateAuthorityPem);
        Assert.Contains("staging-client", connection.ClientCertificatePem);
        Assert.Contains("staging-client-key", connection.ClientKeyPem);
        Assert.Null(connection.BearerToken);
        Assert.Null(connection.DefaultNamespace);
    }

    [Fact]
    public void FromKubeconfigFile_TokenFileUser_KeepsResolvedPathAndInsecureFlag()
    {
        var connection = KubeConnection.FromKubeconfigFile(Fixture("multi-context.yaml"), "ci");

        Assert.Equal(Path.Combine(KubeconfigFolder, "tokens", "ci.token"), connection.TokenFile);
        Assert.True(connection.InsecureSkipTlsVerify);
        Assert.Null(connection.CertificateAuthorityPem);
        Assert.Equal("ci", connection.DefaultNamespace);
    }

    [Fact]
    public void FromKubeconfigFile_ExecUser_ReadsCommandArgsEnvAndHint()
    {
        var exec = KubeConnection.FromKubeconfigFile(Fixture("exec.yaml")).Exec;

        Assert.NotNull(exec);
        Assert.Equal(ExecCredentialConfig.V1Beta1, exec.ApiVersion);
        Assert.Equal("aws", exec.Command);
        Assert.Equal(["eks", "get-token", "--cluster-name", "shop"], exec.Args);
        Assert.Equal("release", exec.Env["AWS_PROFILE"]);
        Assert.Equal("Install the AWS CLI v2.", exec.InstallHint);
        Assert.Equal(KubeconfigFolder, exec.WorkingDirectory);
    }

    [Fact]
    public void FromKubeconfigFile_UnknownContext_NamesContextAndTheAvailableOnes()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigFile(Fixture("multi-context.yaml"), "qa"));

        Assert.Contains("context \"qa\" not found", error.Message);
        Assert.Contains("available: ci, prod, staging", error.Message);
    }

    [Fact]
    public void FromKubeconfigFile_MissingUser_NamesUserWithLineAndColumn()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigFile(Fixture("missing-user.yaml")));

        Assert.StartsWith($"{Fixture("missing-user.yaml")}:11:5: ", error.Message);
        Assert.Contains("user \"nobody\", which the kubeconfig does not define (available: somebody)", error.Message);
    }

    [Fact]
    public void FromKubeconfigFile_BrokenYaml_ReportsLineAndColumn()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigFile(Fixture("broken-yaml.yaml")));

        Assert.Matches(@"broken-yaml\.yaml:\d+:\d+: not valid YAML", error.Message);
    }

    [Fact]
    public void FromKubeconfigFile_MissingCaFile_NamesTheFile()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigFile(Fixture("missing-ca-file.yaml")));

        Assert.Contains("missing-ca-file.yaml:8:", error.Message);
        Assert.Contains(Path.Combine(KubeconfigFolder, "certs", "does-not-exist.crt"), error.Message);
    }

    [Fact]
    public void FromKubeconfigFile_NoCurrentContext_AsksForContext()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigFile(Fixture("no-current-context.yaml")));

        Assert.Contains("names no current-context; choose one with --context (available: a, b)", error.Message);
    }

    [Fact]
    public void FromKubeconfigFile_FileMissing_SaysItCannotBeRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");

        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigFile(path));

        Assert.StartsWith($"Cannot read kubeconfig {path}:", error.Message);
    }

    [Fact]
    public void FromKubeconfigYaml_RelativeFileWithoutFolder_IsRefusedWithAdvice()
    {
        var yaml = File.ReadAllText(Fixture("multi-context.yaml"));

        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigYaml(yaml, "staging", "cluster \"staging\""));

        Assert.Contains("relative path", error.Message);
        Assert.Contains("certificate-authority-data", error.Message);
    }

    [Fact]
    public void InCluster_ServiceAccountFolder_ReadsTokenFileCaAndNamespace()
    {
        var folder = Directory.CreateTempSubdirectory("serviceaccount").FullName;
        File.WriteAllText(Path.Combine(folder, "token"), "sa-token");
        File.WriteAllText(Path.Combine(folder, "ca.crt"), "-----BEGIN CERTIFICATE-----\ncluster-ca\n-----END CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(folder, "namespace"), "checklist\n");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var connection = KubeConnection.InCluster(folder, name => env.GetValueOrDefault(name));

        Assert.Equal(new Uri("https://10.96.0.1:443"), connection.Server);
        Assert.Equal(Path.Combine(folder, "token"), connection.TokenFile);
        Assert.Contains("cluster-ca", connection.CertificateAuthorityPem);
        Assert.Equal("checklist", connection.DefaultNamespace);
    }

    [Fact]
    public void InCluster_Ipv6ServiceHost_IsBracketed()
    {
        var folder = Directory.CreateTempSubdirectory("serviceaccount").FullName;
        File.WriteAllText(Path.Combine(folder, "token"), "sa-token");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var connection = KubeConnection.InCluster(folder, name => env.GetValueOrDefault(name));

        Assert.Equal("[fd00::1]", connection.Server.Host);
    }

    [Fact]
    public void InCluster_WithoutServiceEnvironment_SaysNotInAPod()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.InCluster(Path.GetTempPath(), _ => null));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Fact]
    public void FromServer_Base64CaData_DecodesToPem()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n";

        var connection = KubeConnection.FromServer("prod", "https://prod.example.com", Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)), "t0ken");

        Assert.Equal(pem, connection.CertificateAuthorityPem);
        Assert.Equal("t0ken", connection.BearerToken);
        Assert.Equal("prod", connection.Name);
    }

    [Theory]
    [InlineData("prod.example.com", "is not an https:// URL")]
    [InlineData("ftp://prod.example.com", "is not an https:// URL")]
    public void FromServer_BadAddress_IsRefused(string server, string expected)
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromServer("prod", server));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void FromServer_CaAndInsecureTogether_IsRefused()
    {
        var error = Assert.Throws<KubeconfigException>(() =>
            KubeConnection.FromServer("prod", "https://prod.example.com", "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----", insecureSkipTlsVerify: true));

        Assert.Contains("not both", error.Message);
    }
}
