using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Checklist.Web.Tests.Backup;

/// <summary>
/// checklist backup and checklist restore against the real app: data made through the app, a backup taken while
/// it runs, the data wiped or changed, the backup restored, and the app started again on the restored database.
/// </summary>
public sealed class BackupRoundTripTests : IDisposable
{
    private const string ApiMadeUser = "api-made@test.local";
    private const string LateUser = "after-the-backup@test.local";
    private readonly string _work = Directory.CreateTempSubdirectory("checklist-backup-").FullName;

    public void Dispose()
    {
        SqliteConnectionPools.Clear();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    [Fact]
    public async Task Sqlite_BackupWhileRunningThenWipeAndRestore_EverythingIsBackAndTheChainVerifies()
    {
        var database = Path.Combine(_work, "data", "checklist.db");
        var environment = Sqlite(database);
        State before;
        string token;
        using (var app = new ChecklistAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Checklist"] = $"Data Source={database}" }))
        {
            token = await PopulateAsync(app);
            before = await ReadAsync(app.Services);

            var backup = await BackupCli.RunAsync(_work, environment, "backup", "--output", "backups/checklist.db");
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Contains("Backed up the SQLite database", backup.Stdout);

            // The app still has the database open: restore refuses rather than pull the file from under it.
            var refused = await BackupCli.RunAsync(_work, environment, "restore", "backups/checklist.db");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("looks in use", refused.Stderr);

            await TestUsers.CreateAsync(app.Services, LateUser, Roles.Engineer);
        }
        SqliteConnectionPools.Clear();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!)) File.Delete(file); // the wipe

        var restore = await BackupCli.RunAsync(_work, environment, "restore", "backups/checklist.db");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains($"{before.Events} audit events", restore.Stdout);
        using var restored = new ChecklistAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Checklist"] = $"Data Source={database}" });
        await AssertRestoredAsync(restored, before, token);
    }

    [Fact]
    public async Task Postgres_RestoreOverAChangedDatabase_UndoesTheChangeAndTheChainVerifies()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var environment = Postgres(connectionString);
        State before;
        string token;
        using (var app = new ChecklistAppFactory(postgresConnectionString: connectionString))
        {
            token = await PopulateAsync(app);
            before = await ReadAsync(app.Services);
            var backup = await BackupCli.RunAsync(_work, environment, "backup", "--output", "checklist.dump");
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Contains("Backed up the PostgreSQL database", backup.Stdout);
            await TestUsers.CreateAsync(app.Services, LateUser, Roles.Engineer);
        }

        await using (var session = new NpgsqlConnection(connectionString))
        {
            await session.OpenAsync();
            var refused = await BackupCli.RunAsync(_work, environment, "restore", "checklist.dump");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("1 other session(s) are connected", refused.Stderr);
        }

        // The audit triggers refuse DELETE and TRUNCATE on AuditEvents; the restore must still replace the table.
        var restore = await BackupCli.RunAsync(_work, environment, "restore", "checklist.dump");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        using var restored = new ChecklistAppFactory(postgresConnectionString: connectionString);
        await AssertRestoredAsync(restored, before, token);
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM \"AuditEvents\"", check);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Contains("append-only", ex.MessageText); // the restored database is append-only again
    }

    [Fact]
    public async Task Postgres_RestoreIntoAnEmptyDatabase_EverythingIsBack()
    {
        var original = await PostgresServer.CreateDatabaseAsync();
        State before;
        string token;
        using (var app = new ChecklistAppFactory(postgresConnectionString: original))
        {
            token = await PopulateAsync(app);
            before = await ReadAsync(app.Services);
        }
        var backup = await BackupCli.RunAsync(_work, Postgres(original), "backup", "-o", "checklist.dump");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var replacement = await PostgresServer.CreateDatabaseAsync("restored");

        var restore = await BackupCli.RunAsync(_work, Postgres(replacement), "restore", "checklist.dump");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        using var restored = new ChecklistAppFactory(postgresConnectionString: replacement);
        await AssertRestoredAsync(restored, before, token);
    }

    [Fact]
    public async Task Restore_NotABackup_Exit2AndTheDatabaseIsUntouched()
    {
        var database = Path.Combine(_work, "checklist.db");
        await File.WriteAllTextAsync(database, "the current database");
        await File.WriteAllTextAsync(Path.Combine(_work, "notes.txt"), "not a backup");

        var sqlite = await BackupCli.RunAsync(_work, Sqlite(database), "restore", "notes.txt");
        var postgres = await BackupCli.RunAsync(_work, Postgres("Host=127.0.0.1;Port=1;Username=nobody;Database=none"), "restore", "notes.txt");

        Assert.Equal(2, sqlite.ExitCode);
        Assert.Contains("is not a SQLite backup", sqlite.Stderr);
        Assert.Equal(2, postgres.ExitCode);
        Assert.Contains("is not a PostgreSQL backup", postgres.Stderr);
        Assert.Equal("the current database", await File.ReadAllTextAsync(database));
        Assert.DoesNotContain("   at ", sqlite.Stderr + postgres.Stderr);
    }

    [Fact]
    public async Task Restore_DamagedSqliteBackup_Exit2AndTheDatabaseIsUntouched()
    {
        var database = Path.Combine(_work, "checklist.db");
        await File.WriteAllTextAsync(database, "the current database");
        var damaged = new byte[8192];
        "SQLite format 3\0"u8.CopyTo(damaged);
        new Random(7).NextBytes(damaged.AsSpan(100));
        await File.WriteAllBytesAsync(Path.Combine(_work, "damaged.db"), damaged);

        var result = await BackupCli.RunAsync(_work, Sqlite(database), "restore", "damaged.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the database was not changed", result.Stderr);
        Assert.Equal("the current database", await File.ReadAllTextAsync(database));
        Assert.Empty(Directory.GetFiles(_work, "*.tmp", SearchOption.AllDirectories)); // no temporary file left behind
    }

    [Fact]
    public async Task Backup_OutputExistsOrNoDatabase_Exit2WithTheReason()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "taken.db"), "an earlier backup");

        var missing = await BackupCli.RunAsync(_work, Sqlite(Path.Combine(_work, "nothing-here.db")), "backup", "--output", "new.db");
        var exists = await BackupCli.RunAsync(_work, Sqlite(Path.Combine(_work, "nothing-here.db")), "backup", "--output", "taken.db");
        var badProvider = await BackupCli.RunAsync(_work, new Dictionary<string, string?> { ["Checklist__Database__Provider"] = "Oracle" }, "backup", "--output", "x.db");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("There is no SQLite database at", missing.Stderr);
        Assert.Equal(2, exists.ExitCode);
        Assert.Contains("pass --force to replace it", exists.Stderr);
        Assert.Equal(2, badProvider.ExitCode);
        Assert.Contains("must be Sqlite or Postgres, not 'Oracle'", badProvider.Stderr);
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(Path.Combine(_work, "taken.db")));
    }

    [Fact]
    public async Task Settings_AppsettingsInTheWorkingDirectory_AreRead()
    {
        var database = Path.Combine(_work, "from-appsettings.db");
        await File.WriteAllTextAsync(Path.Combine(_work, "appsettings.json"),
            JsonSerializer.Serialize(new { ConnectionStrings = new { Checklist = $"Data Source={database}" } }));

        var result = await BackupCli.RunAsync(_work, new Dictionary<string, string?>(), "backup", "--output", "x.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"There is no SQLite database at {database}", result.Stderr);
    }

    /// <summary>Users (one per role and one made through the API), an API token, and the audit events all of that wrote.</summary>
    private static async Task<string> PopulateAsync(ChecklistAppFactory app)
    {
        await TestUsers.CreateOnePerRoleAsync(app.Services);
        var client = app.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        var created = await client.PostAsJsonAsync("/api/v1/users", new { email = ApiMadeUser, password = TestUsers.Password, roles = new[] { Roles.Auditor } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await app.CreateNoRedirectClient().PostAsJsonAsync("/api/v1/auth/token",
            new { email = TestUsers.EmailFor(Roles.Engineer), password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var signIn = await new BrowserSession(app.CreateNoRedirectClient()).SignInAsync(TestUsers.EmailFor(Roles.ReleaseManager), TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private sealed record State(IReadOnlyList<string> Emails, int Events, AuditChainHead Head);

    private static async Task<State> ReadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var emails = await db.Users.Select(u => u.Email!).OrderBy(e => e).ToListAsync();
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
        var verification = AuditChain.Verify(events);
        Assert.True(verification.Ok, verification.Problem);
        return new State(emails, events.Count, new AuditChainHead(events[^1].Seq, events[^1].Hash));
    }

    private static async Task AssertRestoredAsync(ChecklistAppFactory restored, State before, string token)
    {
        _ = restored.Server; // starts the app: migrations and start-up checks run on the restored database
        await using (var scope = restored.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
            // The whole chain, and its end exactly where it was when the backup was taken.
            var verification = AuditChain.Verify(events, expectedEnd: before.Head);
            Assert.True(verification.Ok, verification.Problem);
            Assert.Equal(before.Events, events.Count);
            Assert.Equal(before.Emails, await db.Users.Select(u => u.Email!).OrderBy(e => e).ToListAsync());
            Assert.DoesNotContain(LateUser, before.Emails);
            Assert.Contains(ApiMadeUser, before.Emails);
        }

        var api = restored.CreateNoRedirectClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/templates")).StatusCode);
        var signIn = await new BrowserSession(restored.CreateNoRedirectClient()).SignInAsync(ApiMadeUser, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
    }

    private static Dictionary<string, string?> Sqlite(string database) => new()
    {
        ["Checklist__Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Checklist"] = $"Data Source={database}",
    };

    private static Dictionary<string, string?> Postgres(string connectionString) => new()
    {
        ["Checklist__Database__Provider"] = "Postgres",
        ["ConnectionStrings__Checklist"] = connectionString,
    };

    private static class SqliteConnectionPools
    {
        public static void Clear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
