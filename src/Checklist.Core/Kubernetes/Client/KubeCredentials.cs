using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// The credentials to present with each request: a static token, a token file that is read again when it
/// changes (projected service account tokens rotate under a running pod), or an exec plugin's token or
/// client certificate; plus a client certificate from the connection's PEM.
/// </summary>
internal sealed class KubeCredentials : IDisposable
{
    // A rotated token file is noticed by its write time; re-reading after this long also covers symlink swaps
    // (the kubelet replaces a ..data link) whose target times are not what a stat of the path shows.
    private static readonly TimeSpan TokenFileMaxAge = TimeSpan.FromMinutes(1);

    private readonly KubeConnection _connection;
    private readonly TimeProvider _time;
    private readonly ExecCredentialPlugin? _exec;
    private readonly Lock _lock = new();
    private string? _fileToken;
    private DateTime _fileWrittenAt;
    private DateTimeOffset _fileReadAt;
    private ExecCredential? _execCertificateSource;
    private X509Certificate2? _execCertificate;

    public KubeCredentials(KubeConnection connection, KubeClientOptions options, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        if (connection.Exec is not null) _exec = new ExecCredentialPlugin(connection.Exec, time, options.ExecTimeout);
        if (connection.ClientCertificatePem is not null)
            StaticCertificate = LoadCertificate(connection.ClientCertificatePem, connection.ClientKeyPem!, $"the client certificate of {connection.Name}");
    }

    /// <summary>The client certificate from the connection's PEM, if any.</summary>
    public X509Certificate2? StaticCertificate { get; }

    /// <summary>The certificate the TLS handshake should present now (an exec plugin's wins over the static one).</summary>
    public X509Certificate2? CurrentCertificate => _execCertificate ?? StaticCertificate;

    /// <summary>True when a rejected request is worth repeating with fresh credentials.</summary>
    public bool CanRefresh => _exec is not null || _connection.TokenFile is not null;

    /// <summary>The bearer token for the next request, or null when none is used.</summary>
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_exec is not null)
        {
            var credential = await _exec.GetAsync(cancellationToken).ConfigureAwait(false);
            if (credential.ClientCertificatePem is not null) UseExecCertificate(credential);
            if (credential.Token is not null) return credential.Token;
        }
        if (_connection.BearerToken is not null) return _connection.BearerToken;
        return _connection.TokenFile is not null ? ReadTokenFile(force: false) : null;
    }

    /// <summary>Drops cached credentials after a 401, so the next request fetches new ones.</summary>
    public void Refresh()
    {
        _exec?.Invalidate();
        if (_connection.TokenFile is not null) ReadTokenFile(force: true);
    }

    private string ReadTokenFile(bool force)
    {
        var path = _connection.TokenFile!;
        lock (_lock)
        {
            try
            {
                var writtenAt = File.GetLastWriteTimeUtc(path);
                var now = _time.GetUtcNow();
                if (force || _fileToken is null || writtenAt != _fileWrittenAt || now - _fileReadAt > TokenFileMaxAge)
                {
                    var token = File.ReadAllText(path).Trim();
                    if (token.Length == 0)
                        throw new KubeApiException(KubeApiFailure.Credentials, $"The token file {path} is empty.");
                    _fileToken = token;
                    _fileWrittenAt = writtenAt;
                    _fileReadAt = now;
                }
                return _fileToken;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new KubeApiException(KubeApiFailure.Credentials, $"Cannot read the token file {path}: {e.Message}", innerException: e);
            }
        }
    }

    private void UseExecCertificate(ExecCredential credential)
    {
        lock (_lock)
        {
            if (ReferenceEquals(credential, _execCertificateSource)) return;
            // The old certificate may still be in use by a pooled connection's handshake; it is left to the finalizer.
            _execCertificate = LoadCertificate(credential.ClientCertificatePem!, credential.ClientKeyPem!, $"the exec plugin \"{_connection.Exec!.Command}\"'s client certificate");
            _execCertificateSource = credential;
        }
    }

    internal static X509Certificate2 LoadCertificate(string certificatePem, string keyPem, string what)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            // A PKCS#12 round trip gives the key a form every platform's TLS stack accepts for client authentication.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new KubeApiException(KubeApiFailure.Credentials, $"Cannot load {what} from PEM: {e.Message}", innerException: e);
        }
        catch (ArgumentException e)
        {
            throw new KubeApiException(KubeApiFailure.Credentials, $"Cannot load {what} from PEM: {e.Message}", innerException: e);
        }
    }

    public void Dispose()
    {
        StaticCertificate?.Dispose();
        _execCertificate?.Dispose();
    }
}
