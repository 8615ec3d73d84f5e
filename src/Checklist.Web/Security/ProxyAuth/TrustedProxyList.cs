using System.Net;

namespace Checklist.Web.Security.ProxyAuth;

/// <summary>The addresses and ranges identity headers are accepted from.</summary>
public sealed class TrustedProxyList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    private TrustedProxyList(IReadOnlyList<IPNetwork> networks) => _networks = networks;

    /// <summary>Entries may also be comma-separated lists, which is easier to set in one environment variable.</summary>
    public static TrustedProxyList Parse(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in Entries(entries))
        {
            if (!TryParseEntry(entry, out var network))
                throw new FormatException($"'{entry}' is neither an IP address nor a CIDR range.");
            networks.Add(network);
        }
        return new TrustedProxyList(networks);
    }

    /// <summary>One IP address or CIDR range.</summary>
    public static bool TryParseEntry(string entry, out IPNetwork network)
    {
        network = default;
        entry = entry.Trim();
        // IPNetwork.TryParse refuses a range with bits set after the prefix (10.1.2.3/8), a likely typo.
        if (entry.Contains('/')) return IPNetwork.TryParse(entry, out network);
        if (!IPAddress.TryParse(entry, out var address)) return false;
        address = Normalize(address);
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>The entries of the setting, with comma-separated lists split.</summary>
    public static IEnumerable<string> Entries(IEnumerable<string> setting) =>
        setting.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public bool Contains(IPAddress? address)
    {
        if (address is null) return false;
        address = Normalize(address);
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }

    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; ranges are written as plain IPv4.
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
