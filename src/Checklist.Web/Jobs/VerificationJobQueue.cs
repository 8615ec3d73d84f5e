using Quartz;

namespace Checklist.Web.Jobs;

/// <summary>Hands a queued verification to the scheduler: a one-shot trigger of <see cref="VerifyRunJob"/>, stored in the database.</summary>
public sealed class VerificationJobQueue(ISchedulerFactory schedulers)
{
    public async Task EnqueueAsync(Guid runId, Guid verificationId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"verify-{verificationId:N}", "verifications")
            .ForJob(VerifyRunJob.Key)
            .UsingJobData(VerifyRunJob.RunIdKey, runId.ToString())
            .UsingJobData(VerifyRunJob.VerificationIdKey, verificationId.ToString())
            .StartNow()
            // Late is better than never: a verification queued while every replica was down runs when one is back.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), ct);
    }
}
