using Checklist.Web.Runs;
using Quartz;

namespace Checklist.Web.Jobs;

/// <summary>Expires waivers whose time is up. One firing at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class WaiverExpiryJob(WaiverExpirySweep sweep) : IJob
{
    public static readonly JobKey Key = new("waiver-expiry", "runs");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweep.ExpireDueAsync(cancellationToken);
}
