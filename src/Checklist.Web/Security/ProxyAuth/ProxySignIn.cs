using System.Security.Claims;
using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Checklist.Web.Security.ProxyAuth;

/// <summary>
/// Turns the proxy's identity into an ordinary Identity cookie sign-in: the user is created on first sight and
/// its roles follow the mapped groups at every sign-in, so the rest of the app sees a normal signed-in user.
/// </summary>
public sealed class ProxySignIn(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuditLog audit,
    ChecklistDbContext db,
    ProxyAuthOptions options,
    TimeProvider time,
    ILogger<ProxySignIn> logger)
{
    public const string Method = "auth-proxy";

    /// <summary>Changes made on the identity provider's word are recorded under this actor.</summary>
    private static readonly AuditActor ProxyActor = new("auth-proxy", "auth-proxy", AuditActorType.System);

    /// <summary>Signs the caller in unless the cookie already says the same; returns the refusal message, or null.</summary>
    public async Task<string?> EnsureSignedInAsync(HttpContext context, ProxyIdentity identity, CancellationToken ct)
    {
        var roles = options.RolesFor(identity.Groups);
        if (AlreadySignedIn(context.User, identity.Email, roles)) return null;

        var user = await users.FindByEmailAsync(identity.Email) ?? await CreateAsync(identity, roles, ct);
        var actor = new AuditActor(user.Id, user.Email ?? identity.Email, AuditActorType.User);
        if (!user.IsActive)
        {
            audit.Record("user.sign-in-failed", "User", user.Id, after: new { reason = "deactivated", method = Method }, actor: actor);
            await db.SaveChangesAsync(ct);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            return "This account is deactivated. Ask an admin to reactivate it.";
        }

        await SyncRolesAsync(user, roles);
        audit.Record("user.signed-in", "User", user.Id, after: new { method = Method, groups = identity.Groups, roles }, actor: actor);
        await db.SaveChangesAsync(ct);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        context.User = principal; // this request is already the user's; the cookie serves the next ones
        if (roles.Count == 0)
            logger.LogWarning("{Email} signed in through the auth proxy with none of the mapped groups ({Groups}), so without a role.",
                user.Email, string.Join(", ", identity.Groups));
        else
            logger.LogInformation("{Email} signed in through the auth proxy as {Roles}.", user.Email, string.Join(", ", roles));
        return null;
    }

    // The cookie carries the roles from the last sign-in (refreshed at each security stamp validation): while they
    // equal what the groups map to now, there is nothing to write.
    private static bool AlreadySignedIn(ClaimsPrincipal principal, string email, IReadOnlyList<string> roles) =>
        principal.Identity?.IsAuthenticated == true
        && principal.Identity.AuthenticationType == IdentityConstants.ApplicationScheme
        && string.Equals(principal.FindFirstValue(ClaimTypes.Email), email, StringComparison.OrdinalIgnoreCase)
        && principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).SequenceEqual(roles);

    private async Task<AppUser> CreateAsync(ProxyIdentity identity, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var user = new AppUser
        {
            UserName = identity.Email,
            Email = identity.Email,
            EmailConfirmed = true,
            DisplayName = identity.DisplayName,
            CreatedAt = time.GetUtcNow(),
        };
        audit.Record("user.created", "User", user.Id, after: new { user.Email, user.DisplayName, roles, source = Method }, actor: ProxyActor);
        // No password at all: the proxy is the only way in, and there is no hash to guess at.
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            db.DiscardQueuedAudit();
            // Two first requests at once: the other one created the user; use it.
            return await users.FindByEmailAsync(identity.Email)
                   ?? throw new InvalidOperationException($"Could not create the user {identity.Email} from the auth proxy: {Describe(created)}");
        }
        if (roles.Count > 0) Check(await users.AddToRolesAsync(user, roles), identity.Email);
        logger.LogInformation("Created {Email} on first sign-in through the auth proxy.", identity.Email);
        return user;
    }

    private async Task SyncRolesAsync(AppUser user, IReadOnlyList<string> roles)
    {
        var current = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (current.SequenceEqual(roles)) return;
        audit.Record("user.roles-changed", "User", user.Id, before: new { roles = current }, after: new { roles, source = Method }, actor: ProxyActor);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)), user.Email);
        Check(await users.AddToRolesAsync(user, roles.Except(current)), user.Email);
        // Other sessions of this user pick up the new roles at their next validation.
        Check(await users.UpdateSecurityStampAsync(user), user.Email);
    }

    private void Check(IdentityResult result, string? email)
    {
        if (result.Succeeded) return;
        db.DiscardQueuedAudit();
        throw new InvalidOperationException($"Could not update {email} from the auth proxy: {Describe(result)}");
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
