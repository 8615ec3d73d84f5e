extern alias web;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using web::Checklist.Web.Auditing;
using web::Checklist.Web.Data;

namespace Checklist.Benchmarks;

/// <summary>
/// The audit log through the web app's own services on SQLite files: appending one event through AuditLog and
/// SaveChanges (target under 1 ms), verifying 100,000 events from the database (under 2 s), and one filtered page
/// of the global log among 1,000,000 events (under 100 ms).
/// The large databases are seeded once and kept in the temp folder between runs (checklist-benchmarks/), because
/// BenchmarkDotNet runs each benchmark in its own process; the file name carries a hash of the migration scripts, so a
/// changed schema gets a new file. They are migrated first, then filled with multi-row INSERTs in one transaction. The append-only triggers stay in place while seeding: they refuse UPDATE and
/// DELETE only, and seeding only inserts.
/// </summary>
[MemoryDiagnoser]
public class AuditLogBenchmarks
{
    private const int VerifyEvents = 100_000;
    private const int QueryEvents = 1_000_000;
    private const int Actors = 200;
    private const int Runs = 5_000;
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(30);

    /// <summary>Thirty actions, the first ten ten times as frequent as the rest, as sign-ins and item changes dominate a real log.</summary>
    private static readonly string[] ActionNames = Enumerable.Range(0, 30).Select(i => i switch
    {
        0 => "user.signed-in",
        1 => "item.signed-off",
        2 => "evidence.added",
        _ => $"action.kind-{i:00}",
    }).ToArray();

    private static readonly string[] EntityTypes = ["Run", "RunItem", "Evidence", "Decision", "Waiver", "AppUser", "ApiToken", "Cluster"];

    private DbContextOptions<SqliteChecklistDbContext> _options = null!;
    private string _appendFile = "";
    private long _middleSeq;

    // ---- append --------------------------------------------------------------------------------------------

    [GlobalSetup(Target = nameof(AppendOneEvent))]
    public async Task SetupAppendAsync()
    {
        _appendFile = Path.Combine(Path.GetTempPath(), $"checklist-bench-append-{Guid.NewGuid():N}.db");
        _options = Options(_appendFile);
        await using var db = new SqliteChecklistDbContext(_options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // as the app runs it
        for (var i = 0; i < 1_000; i++) await AppendOneEvent();
    }

    [GlobalCleanup(Target = nameof(AppendOneEvent))]
    public void CleanupAppend()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_appendFile + suffix);
    }

    /// <summary>One request's worth: a fresh context, the event queued through AuditLog, one SaveChanges that chains it and moves the head.</summary>
    [Benchmark]
    public async Task<int> AppendOneEvent()
    {
        await using var db = new SqliteChecklistDbContext(_options);
        var log = new AuditLog(db, new HttpContextAccessor(), TimeProvider.System);
        log.Record("item.signed-off", "RunItem", "backup-restore-tested", Guid.Empty,
            before: new { state = "pending", rowVersion = 3 }, after: new { state = "signed-off", rowVersion = 4, comment = "restore verified" });
        return await db.SaveChangesAsync();
    }

    // ---- verify ------------------------------------------------------------------------------------------

    [GlobalSetup(Target = nameof(Verify100000EventsFromTheDatabase))]
    public async Task SetupVerifyAsync() => _options = Options(await SeededAsync("audit-100k", VerifyEvents));

    [Benchmark]
    public async Task<AuditChainReport> Verify100000EventsFromTheDatabase()
    {
        await using var db = new SqliteChecklistDbContext(_options);
        var report = await new AuditVerifier(db, TimeProvider.System).VerifyChainAsync(CancellationToken.None);
        return report.Ok && report.Chain.Events == VerifyEvents ? report : throw new InvalidOperationException(report.Chain.Problem ?? "wrong count");
    }

    // ---- the global log at a million events -----------------------------------------------------------------

    [GlobalSetup(Targets = [nameof(PageNewestUnfiltered), nameof(PageByAction), nameof(PageByActorAndAction), nameof(PageByRun),
        nameof(PageByOneDay), nameof(PageByActorInOneWeek), nameof(PageOlderDeepByAction), nameof(PageByEntity), nameof(PageSinceAMonthIn), nameof(PageByServiceAndEnvironment)])]
    public async Task SetupQueryAsync()
    {
        _options = Options(await SeededAsync("audit-1m", QueryEvents));
        _middleSeq = QueryEvents / 2;
    }

    [Benchmark]
    public Task<AuditPage> PageNewestUnfiltered() => PageAsync(AuditFilter.None, null);

    [Benchmark]
    public Task<AuditPage> PageByAction() => PageAsync(AuditFilter.None with { Action = "item.signed-off" }, null);

    [Benchmark]
    public Task<AuditPage> PageByActorAndAction() => PageAsync(AuditFilter.None with { Actor = "user-17", Action = "action.kind-19" }, null);

    [Benchmark]
    public Task<AuditPage> PageByRun() => PageAsync(AuditFilter.None with { RunId = RunId(1234) }, null);

    /// <summary>Service and environment are the run's: the page joins the runs that match (34 of the 5,000).</summary>
    [Benchmark]
    public Task<AuditPage> PageByServiceAndEnvironment() => PageAsync(AuditFilter.None with { Service = "svc-07", Environment = "production" }, null);

    [Benchmark]
    public Task<AuditPage> PageByOneDay() => PageAsync(AuditFilter.None with { From = T0.AddDays(100), To = T0.AddDays(101) }, null);

    /// <summary>A range that holds nearly the whole log: the newest page must not sort it all.</summary>
    [Benchmark]
    public Task<AuditPage> PageSinceAMonthIn() => PageAsync(AuditFilter.None with { From = T0.AddDays(30) }, null);

    [Benchmark]
    public Task<AuditPage> PageByActorInOneWeek() =>
        PageAsync(AuditFilter.None with { Actor = "user-42", From = T0.AddDays(200), To = T0.AddDays(207) }, null);

    [Benchmark]
    public Task<AuditPage> PageOlderDeepByAction() => PageAsync(AuditFilter.None with { Action = "evidence.added" }, _middleSeq);

    [Benchmark]
    public Task<AuditPage> PageByEntity() => PageAsync(AuditFilter.None with { EntityType = "RunItem", EntityId = "entity-777" }, null);

    private async Task<AuditPage> PageAsync(AuditFilter filter, long? before)
    {
        await using var db = new SqliteChecklistDbContext(_options);
        var page = await new AuditQuery(db).PageAsync(filter, before, null, CancellationToken.None);
        return page.Rows.Count > 0 ? page : throw new InvalidOperationException("The benchmark's filter matched nothing: the seed data is not what it expects.");
    }

    // ---- seeding ---------------------------------------------------------------------------------------------

    private static DbContextOptions<SqliteChecklistDbContext> Options(string file) =>
        new DbContextOptionsBuilder<SqliteChecklistDbContext>()
            .UseSqlite($"Data Source={file};Pooling=True")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options;

    private static readonly string[] Environments = ["production", "staging", "development"];

    /// <summary>Run i's id: runs are created through Core (which picks their ids), so the seed reads them back in order.</summary>
    private static Guid RunId(int run) => s_runIds is { } ids ? ids[run] : throw new InvalidOperationException("The runs are not seeded.");

    private static Guid[]? s_runIds;

    private static AuditDraft Draft(int i)
    {
        // Deterministic spread: actors, actions, runs and entities cycle at co-prime periods.
        var action = i % 13 == 0 ? ActionNames[10 + i / 13 % 20] : ActionNames[i % 10];
        var actor = i % 50 == 0 ? AuditActor.System : new AuditActor($"user-{i % Actors}", $"user{i % Actors}@example.test", i % 7 == 0 ? AuditActorType.Token : AuditActorType.User);
        Guid? run = i % 5 == 0 ? null : RunId(i / 200 % Runs);
        return new AuditDraft(T0 + Spacing * i, actor.Id, actor.Name, actor.Type, "10.1.2.3", action, EntityTypes[i % EntityTypes.Length],
            $"entity-{i % 1000}", run, i % 3 == 0 ? null : $"{{\"state\":\"pending\",\"rowVersion\":{i % 9}}}",
            $"{{\"state\":\"signed-off\",\"rowVersion\":{i % 9 + 1},\"comment\":\"change {i}\"}}", $"corr-{i}");
    }

    private static async Task<string> SeededAsync(string name, int events)
    {
        var directory = Path.Combine(Path.GetTempPath(), "checklist-benchmarks");
        Directory.CreateDirectory(directory);
        // Named after the schema and the seed: a regenerated migration or a new seed never reuses an old file.
        var file = Path.Combine(directory, $"{name}-{SeedVersion}-{SchemaStamp()}.db");
        foreach (var stale in Directory.GetFiles(directory, $"{name}-*").Where(f => !f.StartsWith(file, StringComparison.Ordinal)))
            File.Delete(stale);
        if (await IsCurrentAsync(file, events))
        {
            await ReadRunIdsAsync(file);
            return file;
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        await using (var db = new SqliteChecklistDbContext(Options(file)))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // Runs through Core and EF, as the app creates them: 50 services in three environments.
            var manager = new Actor("user-1", "user1@example.test", [Role.ReleaseManager]);
            var item = new RunItemDefinition("restore-tested", "Operations", "Restore tested", "Guidance", [], true, VerificationKind.Manual,
                null, null, [EvidenceKind.Note], SignoffRole.Engineer, false, [], null);
            for (var run = 0; run < Runs; run++)
            {
                db.Runs.Add(Run.Create("kubernetes-production-readiness", new string('a', 64), [item], $"svc-{run % 50:00}", $"1.{run}.0",
                    Environments[run / 50 % Environments.Length], RunTarget.Manifests("shop"), null, UserRef.Of(manager), manager,
                    DeployMethod.KubectlApply(), T0.AddMinutes(run)));
                if (run % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
        }
        await ReadRunIdsAsync(file);

        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        const int rowsPerStatement = 500; // 15 parameters a row stays well under SQLite's 32,766 parameter limit
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var columns = new[] { "Seq", "At", "ActorId", "ActorName", "ActorType", "SourceAddress", "Action", "EntityType", "EntityId", "RunId", "Before", "After", "CorrelationId", "PreviousHash", "Hash" };
        insert.CommandText = "INSERT INTO \"AuditEvents\" (" + string.Join(",", columns.Select(c => $"\"{c}\"")) + ") VALUES "
            + string.Join(",", Enumerable.Range(0, rowsPerStatement).Select(r => "(" + string.Join(",", columns.Select((_, c) => $"$p{r}_{c}")) + ")"));
        var parameters = Enumerable.Range(0, rowsPerStatement)
            .Select(r => columns.Select((_, c) => insert.Parameters.Add(new SqliteParameter($"$p{r}_{c}", null))).ToArray()).ToArray();
        insert.Prepare();

        AuditEvent? previous = null;
        for (var start = 0; start < events; start += rowsPerStatement)
        {
            for (var r = 0; r < rowsPerStatement; r++)
            {
                previous = AuditChain.Append(previous, Draft(start + r));
                var e = previous;
                object?[] values = [e.Seq, e.At.UtcTicks, e.ActorId, e.ActorName, e.ActorType.ToString(), e.SourceAddress, e.Action, e.EntityType,
                    e.EntityId, e.RunId?.ToString().ToUpperInvariant(), e.Before, e.After, e.CorrelationId, e.PreviousHash, e.Hash];
                for (var c = 0; c < values.Length; c++) parameters[r][c].Value = values[c] ?? DBNull.Value;
            }
            await insert.ExecuteNonQueryAsync();
        }
        await using (var head = connection.CreateCommand())
        {
            head.Transaction = transaction;
            head.CommandText = "INSERT INTO \"AuditHeads\" (\"Id\", \"Seq\", \"Hash\") VALUES (1, $seq, $hash)";
            head.Parameters.AddWithValue("$seq", previous!.Seq);
            head.Parameters.AddWithValue("$hash", previous.Hash);
            await head.ExecuteNonQueryAsync();
        }
        // No ANALYZE: the app's own database has no planner statistics either, and the figures must be the app's.
        await transaction.CommitAsync();
        return file;
    }

    /// <summary>Change when <see cref="Draft"/> or the seeded runs change.</summary>
    private const string SeedVersion = "s2";

    /// <summary>The first hex digits of the SHA-256 of the app's SQLite migration scripts (embedded in Checklist.Web).</summary>
    private static string SchemaStamp()
    {
        var assembly = typeof(SqliteChecklistDbContext).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.Sqlite.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            hash.AppendData(copy.ToArray());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>A file left complete by an earlier run (seeding commits once, at the end).</summary>
    private static async Task<bool> IsCurrentAsync(string file, int events)
    {
        if (!File.Exists(file)) return false;
        await using var db = new SqliteChecklistDbContext(Options(file));
        return await db.AuditEvents.LongCountAsync() == events
               && await db.AuditHeads.AnyAsync(h => h.Seq == events)
               && await db.Runs.CountAsync() == Runs;
    }

    private static async Task ReadRunIdsAsync(string file)
    {
        await using var db = new SqliteChecklistDbContext(Options(file));
        s_runIds = await db.Runs.AsNoTracking().OrderBy(r => r.CreatedAt).Select(r => r.Id).ToArrayAsync();
    }
}
