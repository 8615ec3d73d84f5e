using Checklist.Web.Verification;
using Quartz;

namespace Checklist.Web.Jobs;

/// <summary>Queues the verifications that are due on schedule. One firing at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class ReverificationSweepJob(ReverificationSweep sweep) : IJob
{
    public static readonly JobKey Key = new("reverification-sweep", "verifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweep.QueueDueAsync(cancellationToken);
}
