using System.Security.Cryptography;
using Checklist.Web.Auditing;
using Checklist.Web.Operations;
using Checklist.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Security;

/// <summary>
/// On a fresh database: creates the four roles and the first admin (from CHECKLIST_ADMIN_EMAIL and
/// CHECKLIST_ADMIN_PASSWORD, or generated with the password logged once), and stores CHECKLIST_ADMIN_TOKEN,
/// if set, as that admin's API token so automation can start without a person.
/// </summary>
public sealed class AdminBootstrapper(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    ApiTokenService tokens,
    IConfiguration configuration,
    SecurityOptions options,
    TimeProvider time,
    ILogger<AdminBootstrapper> logger,
    AuditLog audit,
    ChecklistDbContext db)
{
    private const long PostgresLockKey = 0x436865636B426F6F; // "ChekBoo"

    public async Task EnsureAsync(CancellationToken ct)
    {
        // Replicas starting together on a fresh database would each create the roles and the first admin, and all
        // but one would fail on the unique indexes. On PostgreSQL a transaction-scoped lock lets one replica do it
        // while the others wait and then find it done. A SQLite file has a single writing process, and there an
        // open transaction would only hold the file's write lock against the app's other connections.
        if (db.Database.IsSqlite())
        {
            await EnsureLockedAsync(ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
        await EnsureLockedAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task EnsureLockedAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");

        if (await users.Users.AnyAsync(ct)) return;

        var email = configuration["CHECKLIST_ADMIN_EMAIL"];
        var password = configuration["CHECKLIST_ADMIN_PASSWORD"];
        var generated = string.IsNullOrEmpty(password);
        email = string.IsNullOrWhiteSpace(email) ? "admin@checklist.local" : email.Trim();
        if (generated) password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = time.GetUtcNow(),
        };
        audit.Record("user.created", "User", admin.Id, after: new { admin.Email, admin.DisplayName, roles = new[] { Roles.Admin }, bootstrap = true });
        Check(await users.CreateAsync(admin, password!), "create the first admin (CHECKLIST_ADMIN_EMAIL / CHECKLIST_ADMIN_PASSWORD)");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), "give the first admin its role");

        if (generated)
            logger.LogWarning("Created the first admin {Email} with the generated password {Password}. It is shown only this once: sign in and change it.", email, password);
        else
            logger.LogInformation("Created the first admin {Email} from CHECKLIST_ADMIN_EMAIL.", email);

        var token = configuration["CHECKLIST_ADMIN_TOKEN"];
        if (!string.IsNullOrEmpty(token))
        {
            if (token.Length < 16) throw new StartupException("CHECKLIST_ADMIN_TOKEN must be at least 16 characters long.");
            await tokens.StoreAsync(admin.Id, "CHECKLIST_ADMIN_TOKEN", token, TimeSpan.FromDays(options.BootstrapTokenLifetimeDays), ct);
            logger.LogInformation("Stored CHECKLIST_ADMIN_TOKEN as the first admin's API token.");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new StartupException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
