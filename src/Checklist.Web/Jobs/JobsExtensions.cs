using Checklist.Web.Data;
using Checklist.Web.Operations;
using Checklist.Web.Verification;
using Quartz;

namespace Checklist.Web.Jobs;

public static class JobsExtensions
{
    public const string SchedulerName = "Checklist";
    public const string TablePrefix = "qrtz_";

    /// <summary>
    /// Quartz.NET with its persistent store in the app's own database (tables from the QuartzJobStore migration),
    /// so queued and scheduled verifications survive a restart. On PostgreSQL the schedulers of every replica form
    /// a cluster (instance ids generated per process) and a trigger fires on one of them; SQLite, a file one process
    /// writes, runs one unclustered scheduler, which Quartz requires there. Shutdown waits for running jobs, and a
    /// job that requests recovery and was cut short by a crash runs again.
    /// </summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Checklist:Jobs");
        var maxConcurrency = section.GetValue("MaxConcurrency", 4);
        var checkin = TimeSpan.FromSeconds(section.GetValue("ClusterCheckinIntervalSeconds", 15));
        // Waivers are checked every minute by default, so an expired waiver reopens its item within a minute.
        var waiverSweep = TimeSpan.FromSeconds(section.GetValue("WaiverExpiryIntervalSeconds", 60));
        if (waiverSweep <= TimeSpan.Zero)
            throw new StartupException("Checklist:Jobs:WaiverExpiryIntervalSeconds must be a positive number of seconds.");
        var checkinThreshold = TimeSpan.FromSeconds(section.GetValue("ClusterCheckinMisfireThresholdSeconds", 60));
        var verification = VerificationOptions.Read(builder.Configuration);
        // AddDatabase has already refused a provider it does not know.
        var postgres = string.Equals(builder.Configuration[$"{DatabaseOptions.Section}:Provider"], nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase);

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = SchedulerName);
            q.UseDefaultThreadPool(maxConcurrency);
            q.UsePersistentStore(store =>
            {
                // The store reads the same connection string as EF: ConnectionStrings:Checklist.
                if (postgres)
                {
                    store.UsePostgres(o => o.ConnectionStringName = "Checklist");
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = checkin;
                        // A replica that stops checking in for this long is taken as dead and its in-flight work recovered.
                        c.CheckinMisfireThreshold = checkinThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(o => o.ConnectionStringName = "Checklist");
                }
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = TablePrefix;
                    // Job data is a few ids: stored as strings it stays readable in the database and across versions.
                    o.StoreJobDataAsStrings = true;
                    // A trigger more than a minute late (the app was down) follows its misfire instruction instead of firing blindly.
                    o.MisfireThreshold = TimeSpan.FromMinutes(1);
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });

            // One durable job for every verification; each queued verification is a one-shot trigger carrying its ids.
            q.AddJob<VerifyRunJob>(j => j.WithIdentity(VerifyRunJob.Key).StoreDurably().RequestRecovery());
            q.ScheduleJob<ReverificationSweepJob>(
                t => t.WithIdentity("reverification-sweep", "verifications")
                    .StartAt(DateTimeOffset.UtcNow + verification.SweepInterval)
                    // Sweeps missed while the app was down are skipped: the next one finds every run that is due.
                    .WithSimpleSchedule(s => s.WithInterval(verification.SweepInterval).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(ReverificationSweepJob.Key));
            q.ScheduleJob<WaiverExpiryJob>(
                t => t.WithIdentity("waiver-expiry", "runs")
                    .StartAt(DateTimeOffset.UtcNow + waiverSweep)
                    .WithSimpleSchedule(s => s.WithInterval(waiverSweep).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(WaiverExpiryJob.Key));
        });
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        return builder;
    }
}
