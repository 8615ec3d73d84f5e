using System.Security.Cryptography;
using System.Text;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Security;

/// <summary>Issues, finds and revokes API tokens. Secrets are random, shown once, and stored only as SHA-256.</summary>
public sealed class ApiTokenService(ChecklistDbContext db, TimeProvider time, AuditLog audit)
{
    private const string SecretPrefix = "clk_";

    public sealed record IssuedToken(ApiToken Token, string Secret);

    public async Task<IssuedToken> IssueAsync(string userId, string name, TimeSpan lifetime, CancellationToken ct)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = await StoreAsync(userId, name, secret, lifetime, ct);
        return new IssuedToken(token, secret);
    }

    /// <summary>Stores a secret chosen elsewhere (CHECKLIST_ADMIN_TOKEN for automation on a fresh database).</summary>
    public async Task<ApiToken> StoreAsync(string userId, string name, string secret, TimeSpan lifetime, CancellationToken ct)
    {
        if (secret.Length < 16)
            throw new ArgumentException("An API token must be at least 16 characters long.", nameof(secret));
        var now = time.GetUtcNow();
        var token = new ApiToken(userId, name, Hash(secret), secret[..Math.Min(10, secret.Length)], now, now + lifetime);
        db.ApiTokens.Add(token);
        audit.Record("token.created", "ApiToken", token.Id.ToString(), after: new { token.UserId, token.Name, token.Prefix, token.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<ApiToken?> FindUsableAsync(string secret, CancellationToken ct)
    {
        var hash = Hash(secret);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, ct);
        return token is not null && token.IsUsableAt(time.GetUtcNow()) ? token : null;
    }

    /// <summary>Records when a token was last used, at most once a minute so API calls do not each cost a write.</summary>
    public async Task RecordUseAsync(ApiToken token, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (token.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1)) return;
        token.MarkUsed(now);
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FindAsync([id], ct);
        if (token is null) return false;
        audit.Record("token.revoked", "ApiToken", token.Id.ToString(), before: new { token.RevokedAt }, after: new { RevokedAt = time.GetUtcNow() });
        token.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
