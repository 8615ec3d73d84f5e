using System.ComponentModel.DataAnnotations;
using Checklist.Web.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Security;

/// <summary>The admin's actions on users, shared by the admin pages and the API so both apply the same rules.</summary>
public sealed class UserAdministration(UserManager<AppUser> users, TimeProvider time, AuditLog audit, Data.ChecklistDbContext db)
{
    public sealed record CreateResult(AppUser? User, IReadOnlyList<string> Roles, string? Error, bool Conflict = false);
    public sealed record UserRow(string Id, string Email, string DisplayName, bool Active, bool LockedOut, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

    public async Task<CreateResult> CreateAsync(string? email, string? displayName, string? password, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !new EmailAddressAttribute().IsValid(email))
            return new(null, [], "A valid email address is required.");
        if (string.IsNullOrEmpty(password))
            return new(null, [], "A password is required.");
        var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0)
            return new(null, [], $"Unknown role(s): {string.Join(", ", unknown)}. Roles are {string.Join(", ", Roles.All)}.");
        if (roles.Count == 0)
            return new(null, [], $"Give the user at least one role: {string.Join(", ", Roles.All)}.");
        if (await users.FindByEmailAsync(email) is not null)
            return new(null, [], $"A user with the email {email} already exists.", Conflict: true);

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var distinct = roles.Distinct(StringComparer.Ordinal).ToList();
        audit.Record("user.created", "User", user.Id, after: new { user.Email, user.DisplayName, roles = distinct });
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return new(null, [], Refused(created));
        var added = await users.AddToRolesAsync(user, distinct);
        if (!added.Succeeded) return new(null, [], Describe(added));
        return new(user, distinct, null);
    }

    public async Task<List<UserRow>> ListAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var rows = new List<UserRow>(all.Count);
        foreach (var u in all)
            rows.Add(new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.IsActive, u.LockoutEnd > now,
                (await users.GetRolesAsync(u)).Order(StringComparer.Ordinal).ToList(), u.CreatedAt));
        return rows;
    }

    public async Task<string?> SetRolesAsync(string userId, string actingUserId, IReadOnlyCollection<string> roles)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return "No such user.";
        var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0) return $"Unknown role(s): {string.Join(", ", unknown)}.";
        var current = await users.GetRolesAsync(user);
        if (userId == actingUserId && current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
            return "You cannot remove your own Admin role: ask another admin, so that an admin always remains.";
        audit.Record("user.roles-changed", "User", user.Id, before: new { roles = current.Order() }, after: new { roles = roles.Order() });
        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
        if (!removed.Succeeded) return Refused(removed);
        var added = await users.AddToRolesAsync(user, roles.Except(current));
        if (!added.Succeeded) return Describe(added);
        // A new security stamp makes existing sessions pick up the new roles at their next validation.
        await users.UpdateSecurityStampAsync(user);
        return null;
    }

    public async Task<string?> SetActiveAsync(string userId, string actingUserId, bool active)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return "No such user.";
        if (!active && userId == actingUserId) return "You cannot deactivate your own account.";
        audit.Record(active ? "user.activated" : "user.deactivated", "User", user.Id, before: new { active = user.IsActive }, after: new { active });
        user.IsActive = active;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return Refused(updated);
        // Signs the user out everywhere within the security stamp validation interval.
        await users.UpdateSecurityStampAsync(user);
        return null;
    }

    private string Refused(IdentityResult result)
    {
        db.DiscardQueuedAudit();
        return Describe(result);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
