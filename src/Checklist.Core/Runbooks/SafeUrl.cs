namespace Checklist.Core.Runbooks;

/// <summary>The one rule for which link targets may stay clickable in anything the product renders.</summary>
public static class SafeUrl
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>True for http, https and mailto URLs and for in-page anchors ("#section").</summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        // Browsers drop whitespace and control characters inside a scheme ("java\tscript:"), so do the same
        // before reading it.
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        if (compact.StartsWith('#'))
        {
            return true;
        }

        var colon = compact.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = compact[..colon];
        return AllowedSchemes.Any(allowed => string.Equals(allowed, scheme, StringComparison.OrdinalIgnoreCase));
    }
}
