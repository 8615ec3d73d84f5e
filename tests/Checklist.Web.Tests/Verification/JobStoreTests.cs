using System.Collections.Concurrent;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Checklist.Web.Tests.Verification;

/// <summary>
/// Quartz runs on the persistent store in the app's own database on both providers: the qrtz_ tables come from
/// the migrations, jobs are stored there, and a trigger stored by one app instance fires in the next one.
/// </summary>
public sealed class JobStoreTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ScheduleJob_Sqlite_StoredInTheDatabaseAndRun()
    {
        using var factory = new ChecklistAppFactory();
        var scheduler = await SchedulerAsync(factory);
        Assert.False((await scheduler.GetMetadata()).JobStoreClustered); // Quartz allows no cluster on SQLite: one process writes the file
        await AssertJobRunsFromStoreAsync(factory, scheduler);
    }

    [Fact]
    public async Task ScheduleJob_Postgres_StoredInTheDatabaseAndRunClustered()
    {
        using var factory = new ChecklistAppFactory(postgresConnectionString: await PostgresServer.CreateDatabaseAsync());
        var scheduler = await SchedulerAsync(factory);
        Assert.True((await scheduler.GetMetadata()).JobStoreClustered);
        Assert.NotEqual("NON_CLUSTERED", scheduler.SchedulerInstanceId);
        await AssertJobRunsFromStoreAsync(factory, scheduler);
    }

    [Fact]
    public async Task Trigger_StoredBeforeARestart_FiresAfterIt_Postgres()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await AssertTriggerSurvivesRestartAsync(() => new ChecklistAppFactory(postgresConnectionString: database));
    }

    [Fact]
    public async Task Trigger_StoredBeforeARestart_FiresAfterIt_Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "checklist-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Checklist"] = $"Data Source={Path.Combine(directory, "checklist.db")}" };
        try
        {
            await AssertTriggerSurvivesRestartAsync(() => new ChecklistAppFactory(settings));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AssertJobRunsFromStoreAsync(ChecklistAppFactory factory, IScheduler scheduler)
    {
        Assert.True((await scheduler.GetMetadata()).JobStorePersistent);
        var (job, signal) = SignalJob.Create();
        await scheduler.AddJob(job, new AddJobOptions { StoreNonDurableWhileAwaitingScheduling = true });
        Assert.Equal(1, await CountStoredJobsAsync(factory, job.Key.Name));

        await scheduler.TriggerJob(job.Key);

        Assert.Equal(scheduler.SchedulerInstanceId, await signal.Task.WaitAsync(Patience));
    }

    private static async Task AssertTriggerSurvivesRestartAsync(Func<ChecklistAppFactory> start)
    {
        var (job, signal) = SignalJob.Create();
        using (var first = start())
        {
            var scheduler = await SchedulerAsync(first);
            await scheduler.ScheduleJob(job, TriggerBuilder.Create().StartAt(DateTimeOffset.UtcNow.AddSeconds(4)).Build());
        }
        Assert.False(signal.Task.IsCompleted);

        using var second = start();
        var restarted = await SchedulerAsync(second);
        Assert.Equal(restarted.SchedulerInstanceId, await signal.Task.WaitAsync(Patience));
    }

    private static async Task<IScheduler> SchedulerAsync(ChecklistAppFactory factory)
    {
        _ = factory.Server;
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var deadline = DateTime.UtcNow + Patience;
        while (scheduler.Status != SchedulerStatus.Running && DateTime.UtcNow < deadline) await Task.Delay(50); // it starts once the app has started
        Assert.Equal(SchedulerStatus.Running, scheduler.Status);
        return scheduler;
    }

    private static async Task<long> CountStoredJobsAsync(ChecklistAppFactory factory, string jobName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = @name";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = jobName;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

/// <summary>Completes the signal its job data names with the id of the scheduler instance that ran it.</summary>
public sealed class SignalJob : IJob
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Signals = new();

    public static (IJobDetail Job, TaskCompletionSource<string> Signal) Create()
    {
        var id = Guid.NewGuid().ToString("N");
        var signal = Signals.GetOrAdd(id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        var job = JobBuilder.Create<SignalJob>().WithIdentity($"signal-{id}", "tests").UsingJobData("signal", id).RequestRecovery().Build();
        return (job, signal);
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (Signals.TryGetValue(context.MergedJobDataMap.GetString("signal")!, out var signal))
            signal.TrySetResult(context.Scheduler.SchedulerInstanceId);
        return ValueTask.CompletedTask;
    }
}
