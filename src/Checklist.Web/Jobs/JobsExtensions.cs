using Checklist.Web.Data;
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
                        c.CheckinInterval = TimeSpan.FromSeconds(15);
                        // A replica that stops checking in for this long is taken as dead and its in-flight work recovered.
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(60);
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
        });
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        return builder;
    }
}
