using System.Security.Cryptography;
using Checklist.Core.Kubernetes.Client;
using Microsoft.AspNetCore.DataProtection;

namespace Checklist.Web.Clusters;

/// <summary>
/// Encrypts cluster credentials with ASP.NET Core Data Protection (the key ring lives in the database, so every
/// replica can decrypt them) and turns a registered cluster back into a <see cref="KubeConnection"/>.
/// </summary>
public sealed class ClusterSecrets(IDataProtectionProvider provider)
{
    // The purpose string isolates these ciphertexts from cookies and antiforgery tokens made with the same keys.
    private readonly IDataProtector _protector = provider.CreateProtector("Checklist.Clusters.Credentials.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The connection to use for a verification or a connection test.</summary>
    /// <exception cref="KubeconfigException">The stored credentials cannot be decrypted or no longer form a connection.</exception>
    public KubeConnection Connect(Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Kind == ClusterCredentialKind.Kubeconfig
            ? KubeConnection.FromKubeconfigYaml(Unprotect(cluster, cluster.ProtectedKubeconfig!), cluster.Context, $"kubeconfig of cluster \"{cluster.Name}\"")
            : KubeConnection.FromServer(cluster.Name, cluster.Server, cluster.CaData,
                cluster.ProtectedToken is null ? null : Unprotect(cluster, cluster.ProtectedToken), cluster.InsecureSkipTlsVerify);
    }

    private string Unprotect(Cluster cluster, string ciphertext)
    {
        try
        {
            return _protector.Unprotect(ciphertext);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException(
                $"The stored credentials of cluster \"{cluster.Name}\" cannot be decrypted: the Data Protection key that encrypted them " +
                "is not in this database's key ring (was the database restored without its DataProtectionKeys table?). Delete the cluster and register it again.", e);
        }
    }
}
