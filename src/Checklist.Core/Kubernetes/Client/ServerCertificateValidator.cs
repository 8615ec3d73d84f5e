using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// Decides whether to trust the API server's certificate: only the configured CA when one is given (custom
/// root trust, so a certificate that the machine's store would accept is still refused), the machine's store
/// otherwise, anything when insecure-skip-tls-verify is set. Remembers why it refused, because the exception
/// .NET raises for a refused certificate does not say.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private readonly X509Certificate2Collection? _authorities;
    private readonly bool _insecure;
    private readonly string _host;
    private volatile string? _lastRefusal;

    public ServerCertificateValidator(KubeConnection connection)
    {
        _insecure = connection.InsecureSkipTlsVerify;
        _host = connection.Server.Host;
        if (connection.CertificateAuthorityPem is not null)
        {
            _authorities = [];
            try
            {
                _authorities.ImportFromPem(connection.CertificateAuthorityPem);
            }
            catch (CryptographicException e)
            {
                throw new KubeApiException(KubeApiFailure.Credentials, $"The certificate authority of {connection.Name} is not valid PEM: {e.Message}", innerException: e);
            }
            if (_authorities.Count == 0)
                throw new KubeApiException(KubeApiFailure.Credentials, $"The certificate authority of {connection.Name} contains no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
    }

    /// <summary>Why the last certificate was refused, in words a person can act on.</summary>
    public string? LastRefusal => _lastRefusal;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure) return Accept();
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return Refuse("the server presented no certificate");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return Refuse($"the server certificate is not valid for the name \"{_host}\" (name mismatch): connect by a name or address the certificate lists in its subject alternative names");
        if (_authorities is null)
        {
            return errors == SslPolicyErrors.None
                ? Accept()
                : Refuse($"the server certificate is not trusted by this machine's certificate store ({Describe(chain)}): give the cluster's CA certificate (certificate-authority-data)");
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates the server sent along may complete the path to the configured root.
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf)
            ? Accept()
            : Refuse($"the server certificate (subject {leaf.Subject}, issuer {leaf.Issuer}) is not signed by the configured certificate authority ({Describe(custom)}): check certificate-authority-data for this cluster");
    }

    private bool Accept()
    {
        _lastRefusal = null;
        return true;
    }

    private bool Refuse(string reason)
    {
        _lastRefusal = reason;
        return false;
    }

    private static string Describe(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToArray();
        return statuses is { Length: > 0 } ? string.Join("; ", statuses) : "untrusted chain";
    }
}
