using System.Text;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// Where an API server is and how to authenticate to it. Built from a kubeconfig
/// (<see cref="FromKubeconfigFile"/>, <see cref="FromKubeconfigYaml"/>), from the pod's service account
/// (<see cref="InCluster"/>) or from a server address and token given directly (<see cref="FromServer"/>).
/// Holds no open resources; <see cref="KubeApiClient"/> turns it into requests.
/// </summary>
public sealed class KubeConnection
{
    public KubeConnection(
        Uri server,
        string? name = null,
        string? certificateAuthorityPem = null,
        bool insecureSkipTlsVerify = false,
        string? bearerToken = null,
        string? tokenFile = null,
        string? clientCertificatePem = null,
        string? clientKeyPem = null,
        ExecCredentialConfig? exec = null,
        string? defaultNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The server address \"{server}\" must be an absolute https:// (or http://) URL.", nameof(server));
        if (insecureSkipTlsVerify && !string.IsNullOrWhiteSpace(certificateAuthorityPem))
            throw new ArgumentException("Give either a certificate authority or insecure-skip-tls-verify, not both.", nameof(insecureSkipTlsVerify));
        if (string.IsNullOrWhiteSpace(clientCertificatePem) != string.IsNullOrWhiteSpace(clientKeyPem))
            throw new ArgumentException("A client certificate needs its key, and a key its certificate.", nameof(clientKeyPem));
        if (!string.IsNullOrWhiteSpace(bearerToken) && !string.IsNullOrWhiteSpace(tokenFile))
            throw new ArgumentException("Give either a token or a token file, not both.", nameof(tokenFile));
        Server = server;
        Name = string.IsNullOrWhiteSpace(name) ? server.Authority : name;
        CertificateAuthorityPem = NullIfBlank(certificateAuthorityPem);
        InsecureSkipTlsVerify = insecureSkipTlsVerify;
        BearerToken = NullIfBlank(bearerToken)?.Trim();
        TokenFile = NullIfBlank(tokenFile);
        ClientCertificatePem = NullIfBlank(clientCertificatePem);
        ClientKeyPem = NullIfBlank(clientKeyPem);
        Exec = exec;
        DefaultNamespace = NullIfBlank(defaultNamespace);
    }

    public Uri Server { get; }
    /// <summary>A name for messages: the kubeconfig context, the registered cluster's name, or the host.</summary>
    public string Name { get; }
    /// <summary>The CA certificate(s) to trust, PEM; when set, ONLY these are trusted for the server.</summary>
    public string? CertificateAuthorityPem { get; }
    public bool InsecureSkipTlsVerify { get; }
    public string? BearerToken { get; }
    /// <summary>Read again when it changes: projected service account tokens rotate.</summary>
    public string? TokenFile { get; }
    public string? ClientCertificatePem { get; }
    public string? ClientKeyPem { get; }
    public ExecCredentialConfig? Exec { get; }
    /// <summary>The namespace of the kubeconfig context or the service account, if any.</summary>
    public string? DefaultNamespace { get; }

    public override string ToString() => $"{Name} ({Server})";

    /// <summary>Reads a kubeconfig file and picks <paramref name="context"/>, or its current-context.</summary>
    /// <exception cref="KubeconfigException">The file cannot be read, or names an unknown context, cluster or user.</exception>
    public static KubeConnection FromKubeconfigFile(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"Cannot read kubeconfig {fullPath}: {e.Message}", e);
        }
        return KubeconfigReader.Read(yaml, fullPath, Path.GetDirectoryName(fullPath), context);
    }

    /// <summary>
    /// Reads kubeconfig text, e.g. one pasted into the web app. Relative file paths in it resolve against
    /// <paramref name="baseDirectory"/>; without one they are an error, since there is no folder to resolve them in.
    /// </summary>
    public static KubeConnection FromKubeconfigYaml(string yaml, string? context = null, string sourceName = "kubeconfig", string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return KubeconfigReader.Read(yaml, sourceName, baseDirectory, context);
    }

    /// <summary>
    /// The service account of the pod this process runs in: <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c> and the
    /// token, CA and namespace files under <paramref name="serviceAccountFolder"/>.
    /// </summary>
    /// <param name="serviceAccountFolder">Defaults to /var/run/secrets/kubernetes.io/serviceaccount.</param>
    /// <param name="environment">Reads environment variables; defaults to the process environment.</param>
    public static KubeConnection InCluster(string? serviceAccountFolder = null, Func<string, string?>? environment = null)
    {
        var folder = serviceAccountFolder ?? "/var/run/secrets/kubernetes.io/serviceaccount";
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port))
            throw new KubeconfigException("Not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set. Give a kubeconfig instead.");
        var tokenFile = Path.Combine(folder, "token");
        if (!File.Exists(tokenFile))
            throw new KubeconfigException($"The service account token {tokenFile} does not exist: is automountServiceAccountToken disabled for this pod?");
        var caFile = Path.Combine(folder, "ca.crt");
        var ca = ReadOptionalFile(caFile, "service account CA certificate");
        var namespaceFile = Path.Combine(folder, "namespace");
        var ns = ReadOptionalFile(namespaceFile, "service account namespace")?.Trim();
        // An IPv6 service address needs brackets in a URL.
        var hostPart = host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
        if (!Uri.TryCreate($"https://{hostPart}:{port.Trim()}", UriKind.Absolute, out var server))
            throw new KubeconfigException($"KUBERNETES_SERVICE_HOST \"{host}\" and KUBERNETES_SERVICE_PORT \"{port}\" do not form a valid address.");
        return new KubeConnection(server, "in-cluster", certificateAuthorityPem: ca, tokenFile: tokenFile, defaultNamespace: ns);
    }

    /// <summary>
    /// A cluster registered by address, as the web app's <c>{name, server, caData?, token?, insecureSkipTlsVerify?}</c>.
    /// <paramref name="caData"/> is PEM text or, as in a kubeconfig's certificate-authority-data, base64 of PEM.
    /// </summary>
    public static KubeConnection FromServer(string name, string server, string? caData = null, string? token = null, bool insecureSkipTlsVerify = false)
    {
        if (!Uri.TryCreate(server?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new KubeconfigException($"Cluster \"{name}\": server \"{server}\" is not an https:// URL such as https://api.example.com:6443.");
        string? caPem = null;
        if (!string.IsNullOrWhiteSpace(caData))
        {
            caPem = caData.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)
                ? caData
                : DecodeBase64(caData, $"Cluster \"{name}\": caData");
        }
        try
        {
            return new KubeConnection(uri, name, certificateAuthorityPem: caPem, insecureSkipTlsVerify: insecureSkipTlsVerify, bearerToken: token);
        }
        catch (ArgumentException e)
        {
            throw new KubeconfigException($"Cluster \"{name}\": {e.Message.Split(" (Parameter")[0]}", e);
        }
    }

    internal static string DecodeBase64(string data, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
        }
        catch (FormatException e)
        {
            throw new KubeconfigException($"{what} is neither PEM nor valid base64: {e.Message}", e);
        }
    }

    private static string? ReadOptionalFile(string path, string what)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"Cannot read the {what} {path}: {e.Message}", e);
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
