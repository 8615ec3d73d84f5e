using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>What an exec plugin handed back.</summary>
internal sealed record ExecCredential(string? Token, string? ClientCertificatePem, string? ClientKeyPem, DateTimeOffset? ExpiresAt);

/// <summary>
/// Runs an exec credential plugin and keeps its answer until its expirationTimestamp (or for the life of
/// the client when it gives none, as kubectl does), so that a paged snapshot runs the plugin once.
/// </summary>
internal sealed class ExecCredentialPlugin(ExecCredentialConfig config, TimeProvider time, TimeSpan timeout)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ExecCredential? _cached;

    public async Task<ExecCredential> GetAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_cached)) return _cached!;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsFresh(_cached)) return _cached!;
            _cached = await RunAsync(cancellationToken).ConfigureAwait(false);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached credential, after the server rejected it.</summary>
    public void Invalidate() => _cached = null;

    private bool IsFresh(ExecCredential? credential) =>
        credential is not null && (credential.ExpiresAt is null || credential.ExpiresAt > time.GetUtcNow());

    private async Task<ExecCredential> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = ResolveCommand(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in config.Args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in config.Env) start.Environment[name] = value;
        // The plugin learns which protocol version is expected and that nobody can answer a prompt.
        start.Environment["KUBERNETES_EXEC_INFO"] = new JsonObject
        {
            ["apiVersion"] = config.ApiVersion,
            ["kind"] = "ExecCredential",
            ["spec"] = new JsonObject { ["interactive"] = false },
        }.ToJsonString();

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrWhiteSpace(config.InstallHint) ? "" : $" {config.InstallHint.Trim()}";
            throw new KubeApiException(KubeApiFailure.Credentials,
                $"The exec credential plugin \"{config.Command}\" could not be started ({e.Message}): is it installed and on the PATH?{hint}", innerException: e);
        }
        process.StandardInput.Close();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        string stdout, stderr;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            stdout = await stdoutTask.ConfigureAwait(false);
            stderr = await stderrTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
            if (cancellationToken.IsCancellationRequested) throw;
            throw new KubeApiException(KubeApiFailure.Credentials,
                $"The exec credential plugin \"{config.Command}\" did not finish within {timeout.TotalSeconds:0.#} s; it may be waiting for a login prompt that cannot be shown here.");
        }

        if (process.ExitCode != 0)
        {
            var detail = Shorten(stderr.Trim());
            throw new KubeApiException(KubeApiFailure.Credentials,
                $"The exec credential plugin \"{config.Command}\" exited with code {process.ExitCode}" +
                (detail.Length > 0 ? $": {detail}" : " and printed nothing on stderr."));
        }
        return Parse(stdout);
    }

    private string ResolveCommand()
    {
        // kubectl resolves a command with a directory part against the kubeconfig's folder; a bare name goes to PATH.
        var command = config.Command;
        if (config.WorkingDirectory is not null && !Path.IsPathRooted(command) && command.Contains('/'))
            return Path.GetFullPath(Path.Combine(config.WorkingDirectory, command));
        return command;
    }

    private ExecCredential Parse(string stdout)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(stdout) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new KubeApiException(KubeApiFailure.Credentials,
                $"The exec credential plugin \"{config.Command}\" printed something that is not an ExecCredential JSON object: {e.Message}", innerException: e);
        }
        var kind = Text(json, "kind");
        var apiVersion = Text(json, "apiVersion");
        if (kind != "ExecCredential" || apiVersion != config.ApiVersion)
            throw new KubeApiException(KubeApiFailure.Credentials,
                $"The exec credential plugin \"{config.Command}\" answered kind \"{kind}\" apiVersion \"{apiVersion}\"; expected ExecCredential {config.ApiVersion} as the kubeconfig asks.");
        if (json["status"] is not JsonObject status)
            throw new KubeApiException(KubeApiFailure.Credentials, $"The exec credential plugin \"{config.Command}\" answered an ExecCredential without status.");
        var token = Text(status, "token");
        var cert = Text(status, "clientCertificateData");
        var key = Text(status, "clientKeyData");
        if (string.IsNullOrEmpty(token) && (string.IsNullOrEmpty(cert) || string.IsNullOrEmpty(key)))
            throw new KubeApiException(KubeApiFailure.Credentials,
                $"The exec credential plugin \"{config.Command}\" gave neither status.token nor status.clientCertificateData with clientKeyData.");
        DateTimeOffset? expires = null;
        var expiration = Text(status, "expirationTimestamp");
        if (!string.IsNullOrEmpty(expiration))
        {
            if (!DateTimeOffset.TryParse(expiration, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                throw new KubeApiException(KubeApiFailure.Credentials,
                    $"The exec credential plugin \"{config.Command}\" gave expirationTimestamp \"{expiration}\", which is not an RFC 3339 time.");
            expires = parsed;
        }
        return new ExecCredential(string.IsNullOrEmpty(token) ? null : token, NullIfEmpty(cert), NullIfEmpty(key), expires);
    }

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + " ...";
}
