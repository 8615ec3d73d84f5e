using Checklist.Core.Checklists;

namespace Checklist.Web.Features.Templates;

/// <summary>
/// The item filter of the template page, read from the query string (<c>?verification=probe|manual&amp;section=…</c>)
/// so it works without script and a filtered view can be linked. A value it does not know is reported and
/// ignored rather than showing an empty page.
/// </summary>
public sealed record ItemFilter(string? Verification, string? Section, IReadOnlyList<string> Problems)
{
    public static ItemFilter Parse(string? verification, string? section, IReadOnlyCollection<string> sections)
    {
        var problems = new List<string>();
        var v = string.IsNullOrWhiteSpace(verification) ? null : verification.Trim().ToLowerInvariant();
        if (v is not null and not TemplateItemText.Probe and not TemplateItemText.Manual)
        {
            problems.Add($"'{verification}' is not a verification filter: use probe (automated) or manual. Showing both.");
            v = null;
        }
        var s = string.IsNullOrWhiteSpace(section) ? null : section.Trim();
        if (s is not null && !sections.Contains(s))
        {
            problems.Add($"This template has no section '{section}'. Showing every section.");
            s = null;
        }
        return new ItemFilter(v, s, problems);
    }

    public bool IsActive => Verification is not null || Section is not null;

    public bool Matches(TemplateItem item) =>
        (Verification is null || TemplateItemText.Verification(item) == Verification)
        && (Section is null || item.Section == Section);

    /// <summary>The query string of this filter with the verification replaced, for the filter links.</summary>
    public string QueryWith(string? verification)
    {
        var parts = new List<string>();
        if (verification is not null) parts.Add("verification=" + Uri.EscapeDataString(verification));
        if (Section is not null) parts.Add("section=" + Uri.EscapeDataString(Section));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
