namespace Checklist.Web.Security;

/// <summary>The four roles of DESIGN.md, and the role sets that routes authorize.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string ReleaseManager = "ReleaseManager";
    public const string Engineer = "Engineer";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Admin, ReleaseManager, Engineer, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
