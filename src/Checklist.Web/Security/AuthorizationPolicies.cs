namespace Checklist.Web.Security;

/// <summary>
/// Named policies, one per kind of action in DESIGN.md's role table. Admin may do everything, so every
/// policy includes it. Routes name a policy, never a bare role list, so the table lives here only.
/// </summary>
public static class AuthorizationPolicies
{
    /// <summary>Any signed-in role: read pages and data.</summary>
    public const string Read = "Read";
    public const string Admin = "Admin";
    /// <summary>Create and cancel runs, decide go or no-go, approve waivers.</summary>
    public const string ManageRuns = "ManageRuns";
    /// <summary>Verify, attach evidence, sign off, request waivers, mark not applicable.</summary>
    public const string WorkOnItems = "WorkOnItems";
    /// <summary>Export the audit log and evidence bundles, verify the chain.</summary>
    public const string Audit = "Audit";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [Read] = [Roles.Admin, Roles.ReleaseManager, Roles.Engineer, Roles.Auditor],
        [Admin] = [Roles.Admin],
        [ManageRuns] = [Roles.Admin, Roles.ReleaseManager],
        [WorkOnItems] = [Roles.Admin, Roles.ReleaseManager, Roles.Engineer],
        [Audit] = [Roles.Admin, Roles.Auditor],
    };
}
