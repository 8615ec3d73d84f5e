namespace Checklist.Web.Security;

/// <summary>
/// A bearer token for the API. Only the SHA-256 of the secret is stored: the secret is shown once when the
/// token is created and cannot be recovered afterwards.
/// </summary>
public sealed class ApiToken
{
    private ApiToken() { }

    public ApiToken(string userId, string name, string hash, string prefix, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A token needs a name.", nameof(name));
        if (expiresAt <= createdAt) throw new ArgumentException("A token must expire after it is created.", nameof(expiresAt));
        Id = Guid.NewGuid();
        UserId = userId;
        Name = name.Trim();
        Hash = hash;
        Prefix = prefix;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Hash { get; private set; } = "";
    /// <summary>The first characters of the secret, so a person can tell their tokens apart.</summary>
    public string Prefix { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
