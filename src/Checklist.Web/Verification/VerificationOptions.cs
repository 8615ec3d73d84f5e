using Checklist.Web.Operations;

namespace Checklist.Web.Verification;

/// <summary>Bound from <c>Checklist:Verification</c>.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Checklist:Verification";

    /// <summary>The largest manifest bundle accepted (default 5 MiB).</summary>
    public long MaxManifestBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How often a run is verified again until its go decision (default hourly).</summary>
    public TimeSpan ScheduleBeforeDecision { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a decided run is verified again, to catch drift until it completes (default daily).</summary>
    public TimeSpan ScheduleAfterDecision { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the sweep looks for runs due for re-verification (default every 5 minutes).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A verification queued or running longer than this is taken as lost and no longer blocks a new one.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the waiver requested for an exemption annotation runs, once approved (default 30 days).</summary>
    public TimeSpan ExemptionWaiverLifetime { get; set; } = TimeSpan.FromDays(30);

    public static VerificationOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        VerificationOptions options;
        try
        {
            options = section.Get<VerificationOptions>() ?? new VerificationOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"{Section} has a value that is not valid ({e.GetBaseException().Message}); durations are written like 01:00:00.", e);
        }
        if (options.MaxManifestBytes <= 0) throw Invalid(nameof(MaxManifestBytes), "a positive number of bytes");
        foreach (var (name, value) in new[]
                 {
                     (nameof(ScheduleBeforeDecision), options.ScheduleBeforeDecision), (nameof(ScheduleAfterDecision), options.ScheduleAfterDecision),
                     (nameof(SweepInterval), options.SweepInterval), (nameof(StaleAfter), options.StaleAfter),
                     (nameof(ExemptionWaiverLifetime), options.ExemptionWaiverLifetime),
                 })
        {
            if (value <= TimeSpan.Zero) throw Invalid(name, "a positive duration such as 01:00:00");
        }
        return options;
    }

    private static StartupException Invalid(string key, string what) => new($"{Section}:{key} must be {what}.");
}
