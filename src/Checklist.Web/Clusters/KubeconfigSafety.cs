using Checklist.Core.Kubernetes.Client;
using Checklist.Web.Verification;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Checklist.Web.Clusters;

/// <summary>
/// A kubeconfig pasted into the web app is read on the server, so it must carry everything inline. Exec plugins
/// would run a command on the server and file references would read the server's files: both are refused before
/// the kubeconfig is read, with the line and column of the offending key.
/// </summary>
public static class KubeconfigSafety
{
    private static readonly string[] ClusterFileKeys = ["certificate-authority"];
    private static readonly string[] UserFileKeys = ["client-certificate", "client-key", "tokenFile"];

    /// <exception cref="KubeconfigException">The kubeconfig names an exec plugin or a file.</exception>
    public static void RequireInlineCredentials(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return; // not YAML at all: the kubeconfig reader reports that with its position
        }
        catch (InvalidOperationException)
        {
            var (line, column) = Core.YamlParserFailure.Locate(yaml);
            throw new KubeconfigException($"{sourceName}:{line}:{column}: {Core.YamlParserFailure.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return;
        foreach (var (entry, body) in Entries(root, "clusters", "cluster"))
            foreach (var key in ClusterFileKeys)
                RefuseFile(body, key, $"cluster \"{entry}\"", sourceName);
        foreach (var (entry, body) in Entries(root, "users", "user"))
        {
            foreach (var key in UserFileKeys)
                RefuseFile(body, key, $"user \"{entry}\"", sourceName);
            if (body.Children.TryGetValue(new YamlScalarNode("exec"), out var exec))
                throw new KubeconfigException(
                    $"{sourceName}:{exec.Start.Line}:{exec.Start.Column}: user \"{entry}\" uses an exec credential plugin, which the web app refuses " +
                    "because it would run a command on the server; register a service account token instead (kubectl create token <service-account>).");
        }
    }

    private static void RefuseFile(YamlMappingNode body, string key, string what, string sourceName)
    {
        if (!body.Children.TryGetValue(new YamlScalarNode(key), out var node)) return;
        throw new KubeconfigException(
            $"{sourceName}:{node.Start.Line}:{node.Start.Column}: {what} names the file \"{key}\", which the web app cannot read; embed the data instead " +
            $"({(key == "tokenFile" ? "token" : key + "-data")}), for example with kubectl config view --minify --flatten --context <context>.");
    }

    private static IEnumerable<(string Name, YamlMappingNode Body)> Entries(YamlMappingNode root, string listKey, string bodyKey)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || list is not YamlSequenceNode sequence) yield break;
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode entry) continue;
            if (!entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var body) || body is not YamlMappingNode map) continue;
            var name = entry.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode s ? s.Value ?? "" : "";
            yield return (name, map);
        }
    }
}
