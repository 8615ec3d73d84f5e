using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// Turns one kubeconfig into a <see cref="KubeConnection"/> for one context. Reads the YAML as a node tree so
/// that every error can point at file:line:column. Files the config names (CA, client certificate and key) are
/// read now, so a wrong path is reported with the config rather than at the first request; the token file is
/// only checked, since it is read again at each rotation.
/// </summary>
internal sealed class KubeconfigReader
{
    private readonly string _source;
    private readonly string? _baseDirectory;

    private KubeconfigReader(string source, string? baseDirectory)
    {
        _source = source;
        _baseDirectory = baseDirectory;
    }

    public static KubeConnection Read(string yaml, string source, string? baseDirectory, string? context) =>
        new KubeconfigReader(source, baseDirectory).Read(yaml, context);

    private KubeConnection Read(string yaml, string? contextOverride)
    {
        var root = Parse(yaml);
        var contexts = NamedEntries(root, "contexts", "context");
        var contextName = string.IsNullOrWhiteSpace(contextOverride) ? Scalar(root, "current-context") : contextOverride;
        if (string.IsNullOrWhiteSpace(contextName))
            throw Error(root, $"names no current-context; choose one with --context ({Available(contexts)})");
        if (!contexts.TryGetValue(contextName, out var context))
            throw new KubeconfigException($"{_source}: context \"{contextName}\" not found ({Available(contexts)})");

        var clusterName = Scalar(context.Body, "cluster");
        if (string.IsNullOrWhiteSpace(clusterName))
            throw Error(context.Location, $"context \"{contextName}\" names no cluster");
        var clusters = NamedEntries(root, "clusters", "cluster");
        if (!clusters.TryGetValue(clusterName, out var cluster))
            throw Error(context.Location, $"context \"{contextName}\" names cluster \"{clusterName}\", which the kubeconfig does not define ({Available(clusters)})");

        var userName = Scalar(context.Body, "user");
        NamedEntry? user = null;
        if (!string.IsNullOrWhiteSpace(userName))
        {
            var users = NamedEntries(root, "users", "user");
            if (!users.TryGetValue(userName, out var found))
                throw Error(context.Location, $"context \"{contextName}\" names user \"{userName}\", which the kubeconfig does not define ({Available(users)})");
            user = found;
        }

        var serverText = Scalar(cluster.Body, "server");
        if (string.IsNullOrWhiteSpace(serverText))
            throw Error(cluster.Location, $"cluster \"{clusterName}\" has no server");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
            throw Error(cluster.Body.Children[new YamlScalarNode("server")], $"cluster \"{clusterName}\": server \"{serverText}\" is not an https:// URL");

        var insecure = Boolean(cluster.Body, "insecure-skip-tls-verify");
        var ca = DataOrFile(cluster.Body, "certificate-authority-data", "certificate-authority", $"cluster \"{clusterName}\"");
        if (insecure && ca is not null)
            throw Error(cluster.Location, $"cluster \"{clusterName}\" sets both a certificate authority and insecure-skip-tls-verify; remove one");

        string? token = null, tokenFile = null, certPem = null, keyPem = null;
        ExecCredentialConfig? exec = null;
        if (user is not null)
        {
            var body = user.Body;
            var what = $"user \"{userName}\"";
            foreach (var unsupported in new[] { "auth-provider", "username", "password" })
            {
                if (body.Children.ContainsKey(new YamlScalarNode(unsupported)))
                    throw Error(user.Location, $"{what} uses \"{unsupported}\", which this client does not support; use a token, a client certificate or an exec plugin");
            }
            token = Scalar(body, "token");
            tokenFile = ResolvePath(body, "tokenFile", what);
            if (tokenFile is not null && !File.Exists(tokenFile))
                throw Error(body.Children[new YamlScalarNode("tokenFile")], $"{what}: tokenFile {tokenFile} does not exist");
            if (token is not null && tokenFile is not null)
                tokenFile = null; // kubectl prefers the inline token when both are given.
            certPem = DataOrFile(body, "client-certificate-data", "client-certificate", what);
            keyPem = DataOrFile(body, "client-key-data", "client-key", what);
            if ((certPem is null) != (keyPem is null))
                throw Error(user.Location, $"{what} has a client certificate without its key, or a key without its certificate");
            if (body.Children.TryGetValue(new YamlScalarNode("exec"), out var execNode))
                exec = ReadExec(execNode, what);
        }

        return new KubeConnection(server, contextName, ca, insecure, token, tokenFile, certPem, keyPem, exec, Scalar(context.Body, "namespace"));
    }

    private YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"{_source}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            var (line, column) = YamlParserFailure.Locate(yaml);
            throw new KubeconfigException($"{_source}:{line}:{column}: {YamlParserFailure.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new KubeconfigException($"{_source}: is not a kubeconfig (expected a mapping with clusters, contexts and users)");
        var kind = Scalar(root, "kind");
        if (kind is not null && kind != "Config")
            throw Error(root, $"has kind \"{kind}\", expected Config");
        return root;
    }

    /// <summary>Location is the body, or the list entry when the body is missing (errors still need a line).</summary>
    private sealed record NamedEntry(string Name, YamlMappingNode Body, YamlNode Location);

    /// <summary>Reads a list such as <c>contexts: [{name, context: {...}}]</c> into a map by name.</summary>
    private Dictionary<string, NamedEntry> NamedEntries(YamlMappingNode root, string listKey, string bodyKey)
    {
        var result = new Dictionary<string, NamedEntry>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || IsNull(list)) return result;
        if (list is not YamlSequenceNode sequence)
            throw Error(list, $"\"{listKey}\" must be a list");
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode entry)
                throw Error(item, $"each entry of \"{listKey}\" must be a mapping with name and {bodyKey}");
            var name = Scalar(entry, "name");
            if (string.IsNullOrWhiteSpace(name))
                throw Error(entry, $"an entry of \"{listKey}\" has no name");
            YamlNode location = entry;
            if (!entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var body) || body is not YamlMappingNode bodyMap)
            {
                if (body is null || IsNull(body)) bodyMap = new YamlMappingNode();
                else throw Error(body, $"\"{bodyKey}\" of \"{name}\" must be a mapping");
            }
            else
            {
                location = bodyMap;
            }
            if (!result.TryAdd(name, new NamedEntry(name, bodyMap, location)))
                throw Error(entry, $"\"{listKey}\" defines \"{name}\" twice");
        }
        return result;
    }

    private ExecCredentialConfig ReadExec(YamlNode node, string what)
    {
        if (node is not YamlMappingNode exec)
            throw Error(node, $"{what}: exec must be a mapping");
        var apiVersion = Scalar(exec, "apiVersion");
        if (apiVersion is not (ExecCredentialConfig.V1 or ExecCredentialConfig.V1Beta1))
            throw Error(exec, $"{what}: exec apiVersion \"{apiVersion}\" is not supported; use {ExecCredentialConfig.V1} or {ExecCredentialConfig.V1Beta1}");
        var command = Scalar(exec, "command");
        if (string.IsNullOrWhiteSpace(command))
            throw Error(exec, $"{what}: exec has no command");
        var args = new List<string>();
        if (exec.Children.TryGetValue(new YamlScalarNode("args"), out var argsNode) && !IsNull(argsNode))
        {
            if (argsNode is not YamlSequenceNode argList) throw Error(argsNode, $"{what}: exec args must be a list");
            foreach (var arg in argList)
                args.Add(arg is YamlScalarNode s ? s.Value ?? "" : throw Error(arg, $"{what}: each exec arg must be a string"));
        }
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exec.Children.TryGetValue(new YamlScalarNode("env"), out var envNode) && !IsNull(envNode))
        {
            if (envNode is not YamlSequenceNode envList) throw Error(envNode, $"{what}: exec env must be a list of {{name, value}}");
            foreach (var entry in envList)
            {
                if (entry is not YamlMappingNode pair || Scalar(pair, "name") is not { Length: > 0 } name)
                    throw Error(entry, $"{what}: each exec env entry needs a name");
                env[name] = Scalar(pair, "value") ?? "";
            }
        }
        return new ExecCredentialConfig(apiVersion, command, args, env, Scalar(exec, "installHint"), _baseDirectory);
    }

    /// <summary>Inline base64 data wins over a file, as in kubectl.</summary>
    private string? DataOrFile(YamlMappingNode map, string dataKey, string fileKey, string what)
    {
        var data = Scalar(map, dataKey);
        if (!string.IsNullOrWhiteSpace(data))
        {
            try
            {
                return KubeConnection.DecodeBase64(data, $"{what}: {dataKey}");
            }
            catch (KubeconfigException e)
            {
                throw Error(map.Children[new YamlScalarNode(dataKey)], e.Message);
            }
        }
        var path = ResolvePath(map, fileKey, what);
        if (path is null) return null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(map.Children[new YamlScalarNode(fileKey)], $"{what}: cannot read {fileKey} {path}: {e.Message}");
        }
    }

    private string? ResolvePath(YamlMappingNode map, string key, string what)
    {
        var path = Scalar(map, key);
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        if (Path.IsPathRooted(path)) return path;
        if (_baseDirectory is null)
            throw Error(map.Children[new YamlScalarNode(key)], $"{what}: {key} \"{path}\" is a relative path, which a pasted kubeconfig cannot resolve; embed the data ({key}-data) instead");
        return Path.GetFullPath(Path.Combine(_baseDirectory, path));
    }

    private string? Scalar(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || IsNull(node)) return null;
        return node is YamlScalarNode scalar ? scalar.Value : throw Error(node, $"\"{key}\" must be a single value");
    }

    private bool Boolean(YamlMappingNode map, string key) => Scalar(map, key)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" => false,
        "true" => true,
        var other => throw Error(map.Children[new YamlScalarNode(key)], $"\"{key}\" must be true or false, not \"{other}\""),
    };

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static string Available<T>(Dictionary<string, T> entries) =>
        entries.Count == 0 ? "the kubeconfig defines none" : "available: " + string.Join(", ", entries.Keys.Order(StringComparer.Ordinal));

    private KubeconfigException Error(YamlNode node, string message) =>
        new($"{_source}:{node.Start.Line}:{node.Start.Column}: {message}");
}
