namespace Checklist.Web.Webhooks;

/// <summary>A URL that receives signed notifications of the events it subscribes to.</summary>
public sealed class WebhookEndpoint
{
    public const int MinimumSecretLength = 16;

    // Not readonly: EF assigns the backing field of a primitive collection when it materialises the entity.
    private List<string> _events = [];

    private WebhookEndpoint() { }

    public WebhookEndpoint(string name, string url, string secret, IEnumerable<string> events, string createdBy, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        CreatedBy = createdBy;
        CreatedAt = now;
        Update(name, url, secret, events, active: true, now);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Url { get; private set; } = "";
    /// <summary>Shared with the receiver, which recomputes the HMAC; kept in clear because signing needs it.</summary>
    public string Secret { get; private set; } = "";
    public IReadOnlyList<string> Events => _events;
    public bool Active { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool Wants(string eventName) => Active && _events.Contains(eventName, StringComparer.Ordinal);

    /// <exception cref="ArgumentException">A value is unusable; the message says which and why.</exception>
    public void Update(string name, string url, string? secret, IEnumerable<string> events, bool active, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Give the endpoint a name.", nameof(name));
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The URL must be an absolute http or https URL, not '{url}'.", nameof(url));
        // A blank secret on an update keeps the current one, so the form need not show it again.
        if (!string.IsNullOrWhiteSpace(secret)) Secret = secret.Trim();
        if (Secret.Length < MinimumSecretLength)
            throw new ArgumentException($"The secret must be at least {MinimumSecretLength} characters long.", nameof(secret));
        var chosen = events.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = chosen.Where(e => !WebhookEvents.IsKnown(e)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown event(s): {string.Join(", ", unknown)}. Events are {string.Join(", ", WebhookEvents.All)}.", nameof(events));
        if (chosen.Count == 0)
            throw new ArgumentException($"Choose at least one event: {string.Join(", ", WebhookEvents.All)}.", nameof(events));

        Name = name.Trim();
        Url = uri.ToString();
        _events = chosen;
        Active = active;
        UpdatedAt = now;
    }
}
