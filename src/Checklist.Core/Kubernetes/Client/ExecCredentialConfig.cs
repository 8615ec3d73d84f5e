namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// A kubeconfig user's <c>exec</c> credential plugin (aws eks get-token, gke-gcloud-auth-plugin, kubelogin, ...):
/// a command whose standard output is an ExecCredential with a token or a client certificate.
/// </summary>
public sealed class ExecCredentialConfig
{
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    public ExecCredentialConfig(
        string apiVersion,
        string command,
        IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? env = null,
        string? installHint = null,
        string? workingDirectory = null)
    {
        if (apiVersion is not (V1 or V1Beta1))
            throw new ArgumentException($"exec apiVersion \"{apiVersion}\" is not supported; use {V1} or {V1Beta1}.", nameof(apiVersion));
        if (string.IsNullOrWhiteSpace(command))
            throw new ArgumentException("exec needs a command.", nameof(command));
        ApiVersion = apiVersion;
        Command = command;
        Args = (args ?? []).ToArray();
        Env = new Dictionary<string, string>(env ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        InstallHint = installHint;
        WorkingDirectory = workingDirectory;
    }

    public string ApiVersion { get; }
    /// <summary>The program; a relative path with a directory part resolves against <see cref="WorkingDirectory"/>.</summary>
    public string Command { get; }
    public IReadOnlyList<string> Args { get; }
    /// <summary>Added to the plugin's environment (the rest is inherited).</summary>
    public IReadOnlyDictionary<string, string> Env { get; }
    /// <summary>Shown when the command cannot be started.</summary>
    public string? InstallHint { get; }
    /// <summary>The kubeconfig's folder, when the config came from a file.</summary>
    public string? WorkingDirectory { get; }
}
