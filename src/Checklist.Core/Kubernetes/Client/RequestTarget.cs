namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// What a request asks for in RBAC terms (verb, resource, namespace, name), so that a 403 can name the missing
/// permission and a 404 can tell a missing object from an API group the cluster does not serve.
/// </summary>
internal sealed record RequestTarget(string Verb, string Group, string Version, string? Resource, string? Namespace, string? Name, bool Namespaced = true, string? RawPath = null)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public bool IsSecret => Group.Length == 0 && Resource == "secrets";

    /// <summary>Parses an API path such as /apis/apps/v1/namespaces/x/deployments/y. Segments are unescaped and dot
    /// segments resolved first, so that no spelling of a path can hide what it names.</summary>
    public static RequestTarget Parse(string verb, string path)
    {
        var pathOnly = path.Split('?', 2)[0];
        var resolved = new Uri(new Uri("https://parse.invalid"), pathOnly).AbsolutePath;
        var segments = resolved.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api") (group, version, rest) = ("", segments[1], 2);
        else if (segments.Length >= 3 && segments[0] == "apis") (group, version, rest) = (segments[1], segments[2], 3);
        else return new RequestTarget(verb, "", "", null, null, null, RawPath: pathOnly);

        var tail = segments[rest..];
        if (tail.Length == 0) return new RequestTarget(verb, group, version, null, null, null, RawPath: pathOnly);
        if (tail[0] == "namespaces" && tail.Length >= 3)
            return new RequestTarget(verb, group, version, tail[2], tail[1], tail.Length > 3 ? tail[3] : null, RawPath: pathOnly);
        return new RequestTarget(verb, group, version, tail[0], null, tail.Length > 1 ? tail[1] : null, Namespaced: false, RawPath: pathOnly);
    }

    /// <summary>E.g. <c>list deployments.apps in namespace "shop"</c> or <c>get namespaces "shop"</c>.</summary>
    public string Describe(bool withVerb = true)
    {
        var verb = withVerb ? Verb + " " : "";
        if (Resource is null) return $"{verb}{RawPath}";
        var resource = Group.Length == 0 ? Resource : $"{Resource}.{Group}";
        var name = Name is null ? "" : $" \"{Name}\"";
        var scope = Namespace is not null ? $" in namespace \"{Namespace}\"" : Namespaced && Verb == "list" ? " in all namespaces" : "";
        return $"{verb}{resource}{name}{scope}";
    }
}
