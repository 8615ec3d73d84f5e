using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Checklist.Core.Tests.Kubernetes.Client;

/// <summary>A private certificate authority made in memory, with server and client certificates it signs.</summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa _key;

    public TestPki(string name = "checklist-test-ca")
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Authority { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>A server certificate; by default for 127.0.0.1 (an IP address SAN) and localhost.</summary>
    public X509Certificate2 IssueServer(IEnumerable<string>? dnsNames = null, IEnumerable<IPAddress>? addresses = null)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames ?? ["localhost"]) san.AddDnsName(dns);
        foreach (var ip in addresses ?? [IPAddress.Loopback]) san.AddIpAddress(ip);
        return Issue("CN=kube-apiserver", san.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    /// <summary>A client certificate as the API server expects one: CN is the user, O the group.</summary>
    public X509Certificate2 IssueClient(string user = "checklist-reader") =>
        Issue($"CN={user}, O=checklist", null, new Oid("1.3.6.1.5.5.7.3.2"));

    public static string KeyPem(X509Certificate2 certificate) =>
        certificate.GetECDsaPrivateKey()?.ExportPkcs8PrivateKeyPem()
        ?? certificate.GetRSAPrivateKey()?.ExportPkcs8PrivateKeyPem()
        ?? throw new InvalidOperationException("The certificate has no private key.");

    private X509Certificate2 Issue(string subject, X509Extension? san, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (san is not null) request.CertificateExtensions.Add(san);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a key that SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Authority.Dispose();
        _key.Dispose();
    }
}
