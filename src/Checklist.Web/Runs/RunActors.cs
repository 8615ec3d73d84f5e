using System.Security.Claims;
using Checklist.Core.Runs;
using Checklist.Web.Security;

namespace Checklist.Web.Runs;

/// <summary>Builds Core's <see cref="Actor"/> from the signed-in user, so Core checks the same roles the policies do.</summary>
public static class RunActors
{
    public static Actor From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(id) || user.Identity?.IsAuthenticated != true)
            throw new RuleViolationException(RunRules.Role, RuleViolationKind.Forbidden, "sign in first: an anonymous caller may not act on runs");
        var roles = user.FindAll(ClaimTypes.Role).Select(c => ToRole(c.Value)).OfType<Role>();
        var kind = user.FindFirstValue(ApiTokenAuthenticationHandler.ActorTypeClaim) == "token" ? ActorKind.Token : ActorKind.User;
        return new Actor(id, user.Identity.Name ?? id, roles, kind);
    }

    public static Role? ToRole(string role) => role switch
    {
        Roles.Admin => Role.Admin,
        Roles.ReleaseManager => Role.ReleaseManager,
        Roles.Engineer => Role.Engineer,
        Roles.Auditor => Role.Auditor,
        _ => null,
    };
}
