using Checklist.Web.Verification;
using Quartz;

namespace Checklist.Web.Jobs;

/// <summary>Runs one queued verification. Durable and recoverable: a firing cut short by a crash runs again.</summary>
public sealed class VerifyRunJob(VerificationService verifications) : IJob
{
    public static readonly JobKey Key = new("verify-run", "verifications");
    public const string RunIdKey = "runId";
    public const string VerificationIdKey = "verificationId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        await verifications.VerifyAsync(Guid.Parse(data.GetString(RunIdKey)!), Guid.Parse(data.GetString(VerificationIdKey)!), cancellationToken);
    }
}
