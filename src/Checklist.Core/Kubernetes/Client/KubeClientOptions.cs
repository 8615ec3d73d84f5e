namespace Checklist.Core.Kubernetes.Client;

/// <summary>How patient the API client is. The defaults suit an interactive verification.</summary>
public sealed class KubeClientOptions
{
    public KubeClientOptions(
        TimeSpan? requestTimeout = null,
        int maxAttempts = 4,
        TimeSpan? initialBackoff = null,
        TimeSpan? maxBackoff = null,
        TimeSpan? maxRetryAfter = null,
        int pageSize = 500,
        int maxParallelLists = 4,
        TimeSpan? execTimeout = null)
    {
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10);
        InitialBackoff = initialBackoff ?? TimeSpan.FromMilliseconds(250);
        MaxBackoff = maxBackoff ?? TimeSpan.FromSeconds(8);
        MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromSeconds(30);
        ExecTimeout = execTimeout ?? TimeSpan.FromSeconds(30);
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(requestTimeout), "The request timeout must be positive.");
        if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts), "At least one attempt is needed.");
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff), "The backoff must satisfy 0 <= initial <= max.");
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxRetryAfter), "The Retry-After cap cannot be negative.");
        if (pageSize is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(pageSize), "The page size must be between 1 and 10000.");
        if (maxParallelLists < 1) throw new ArgumentOutOfRangeException(nameof(maxParallelLists), "At least one list must be allowed at a time.");
        if (ExecTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(execTimeout), "The exec plugin timeout must be positive.");
        MaxAttempts = maxAttempts;
        PageSize = pageSize;
        MaxParallelLists = maxParallelLists;
    }

    public static KubeClientOptions Default { get; } = new();

    /// <summary>Per HTTP request, from sending to the last byte of the answer (default 10 s).</summary>
    public TimeSpan RequestTimeout { get; }
    /// <summary>Attempts per request when the server answers 429 or 5xx (default 4, so 3 retries).</summary>
    public int MaxAttempts { get; }
    /// <summary>Wait before the first retry; doubled for each further one up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    /// <summary>A server's Retry-After is honoured up to this long, so that a verification cannot hang for minutes.</summary>
    public TimeSpan MaxRetryAfter { get; }
    /// <summary>The <c>limit</c> of each LIST page (default 500).</summary>
    public int PageSize { get; }
    /// <summary>How many kinds the snapshot reader lists at the same time (default 4).</summary>
    public int MaxParallelLists { get; }
    /// <summary>How long an exec credential plugin may run before it is killed (default 30 s).</summary>
    public TimeSpan ExecTimeout { get; }
}
