namespace Checklist.Web.Security.ProxyAuth;

/// <summary>Bound from <c>Checklist:ProxyAuth</c>: single sign-on through an authenticating reverse proxy (oauth2-proxy and the like).</summary>
public sealed class ProxyAuthOptions
{
    public const string Section = "Checklist:ProxyAuth";

    public bool Enabled { get; set; }

    /// <summary>
    /// The proxies' own addresses (IP addresses or CIDR ranges, e.g. 10.42.0.0/16), as the TCP peer of the
    /// connection shows them. Identity headers from any other peer are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Group name (as the proxy sends it) → role. Group names match case-insensitively, as configuration keys do.</summary>
    public Dictionary<string, string> GroupRoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string UserHeader { get; set; } = "X-Forwarded-User";
    public string EmailHeader { get; set; } = "X-Forwarded-Email";
    /// <summary>Comma-separated group names.</summary>
    public string GroupsHeader { get; set; } = "X-Forwarded-Groups";

    public IEnumerable<string> Headers => [UserHeader, EmailHeader, GroupsHeader];

    /// <summary>The roles the groups map to, each once, in ordinal order; empty when no group is mapped.</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> groups)
    {
        var map = new Dictionary<string, string>(GroupRoleMap, StringComparer.OrdinalIgnoreCase);
        return groups
            .Select(g => map.GetValueOrDefault(g))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every problem with the settings, each naming the setting to fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enabled) return problems;
        var entries = TrustedProxyList.Entries(TrustedProxies).ToList();
        if (entries.Count == 0)
            problems.Add("Checklist:ProxyAuth:TrustedProxies is empty: name the auth proxy's addresses (IP or CIDR), or headers would be trusted from nobody.");
        foreach (var entry in entries)
            if (!TrustedProxyList.TryParseEntry(entry, out _))
                problems.Add($"Checklist:ProxyAuth:TrustedProxies has '{entry}', which is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
        foreach (var (group, role) in GroupRoleMap)
            if (!Roles.IsKnown(role))
                problems.Add($"Checklist:ProxyAuth:GroupRoleMap maps '{group}' to '{role}', which is not a role: use one of {string.Join(", ", Roles.All)}.");
        foreach (var (name, value) in new[] { ("UserHeader", UserHeader), ("EmailHeader", EmailHeader), ("GroupsHeader", GroupsHeader) })
            if (string.IsNullOrWhiteSpace(value))
                problems.Add($"Checklist:ProxyAuth:{name} must name a header.");
        return problems;
    }
}
