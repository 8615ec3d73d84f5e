using System.Text;

namespace Checklist.Web.Tests.Clusters;

/// <summary>Kubeconfig text for the registration tests.</summary>
public static class ClusterTestData
{
    public static string Kubeconfig(Uri server, string caPem, string token, string context = "fake") => $"""
        apiVersion: v1
        kind: Config
        current-context: {context}
        clusters:
        - name: fake-cluster
          cluster:
            server: {server}
            certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem))}
        users:
        - name: reader
          user:
            token: {token}
        contexts:
        - name: {context}
          context:
            cluster: fake-cluster
            user: reader
            namespace: shop
        """;
}
