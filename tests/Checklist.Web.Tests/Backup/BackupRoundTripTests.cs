using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
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
        Populated data;
        using (var app = new ChecklistAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Checklist"] = $"Data Source={database}" }))
        {
            data = await PopulateAsync(app);
            before = await ReadAsync(app.Services);

            var backup = await BackupCli.RunAsync(_work, environment, "backup", "--output", "backups/checklist.db");
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Contains("Backed up the SQLite database", backup.Stdout);

            // The app still has the database open: restore refuses rather than pull the file from under it. (A
            // connection of our own stands for the app's pool, which other tests in this process may empty.)
            await using (var open = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await open.OpenAsync();
                var refused = await BackupCli.RunAsync(_work, environment, "restore", "backups/checklist.db");
                Assert.True(refused.ExitCode == 2, refused.ToString());
                Assert.Contains("looks in use: it is open in process", refused.Stderr);
            }

            await TestUsers.CreateAsync(app.Services, LateUser, Roles.Engineer);
        }
        SqliteConnectionPools.Clear();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!)) File.Delete(file); // the wipe

        var restore = await BackupCli.RunAsync(_work, environment, "restore", "backups/checklist.db");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains($"{before.Events} audit events", restore.Stdout);
        using var restored = new ChecklistAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Checklist"] = $"Data Source={database}" });
        await AssertRestoredAsync(restored, before, data);
    }

    [Fact]
    public async Task Postgres_RestoreOverAChangedDatabase_UndoesTheChangeAndTheChainVerifies()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var environment = Postgres(connectionString);
        State before;
        Populated data;
        using (var app = new ChecklistAppFactory(postgresConnectionString: connectionString))
        {
            data = await PopulateAsync(app);
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
        await AssertRestoredAsync(restored, before, data);
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
        Populated data;
        using (var app = new ChecklistAppFactory(postgresConnectionString: original))
        {
            data = await PopulateAsync(app);
            before = await ReadAsync(app.Services);
        }
        var backup = await BackupCli.RunAsync(_work, Postgres(original), "backup", "-o", "checklist.dump");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var replacement = await PostgresServer.CreateDatabaseAsync("restored");

        var restore = await BackupCli.RunAsync(_work, Postgres(replacement), "restore", "checklist.dump");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        using var restored = new ChecklistAppFactory(postgresConnectionString: replacement);
        await AssertRestoredAsync(restored, before, data);
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

    private sealed record Populated(string Token, Guid RunId, Guid EvidenceId, byte[] File);

    private static readonly byte[] EvidenceFile = Encoding.UTF8.GetBytes("restore drill: 412 rows back in 3 minutes\n");

    /// <summary>
    /// Users (one per role and one made through the API), an API token, two runs with a note and a file as evidence,
    /// and the audit events all of that wrote.
    /// </summary>
    private static async Task<Populated> PopulateAsync(ChecklistAppFactory app)
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
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        Guid runId = default;
        foreach (var version in new[] { "1.4.0", "1.5.0" })
        {
            var run = await client.PostAsJsonAsync("/api/v1/runs", new { templateId = "kubernetes-production-readiness", service = "shop", version, environment = "staging", @namespace = "shop" });
            Assert.True(run.StatusCode == HttpStatusCode.Created, await run.Content.ReadAsStringAsync());
            runId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var note = await client.PostAsJsonAsync($"/api/v1/runs/{runId}/items/restore-drill/evidence", new { kind = "note", text = "Restored into a scratch database." });
        Assert.True(note.StatusCode == HttpStatusCode.Created, await note.Content.ReadAsStringAsync());
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(EvidenceFile);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "restore.log");
        var upload = await client.PostAsync($"/api/v1/runs/{runId}/items/restore-drill/evidence", form);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var evidenceId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return new Populated(token, runId, evidenceId, EvidenceFile);
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

    private static async Task AssertRestoredAsync(ChecklistAppFactory restored, State before, Populated data)
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
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", data.Token);
        var runs = await api.GetFromJsonAsync<JsonElement>("/api/v1/runs");
        Assert.Equal(2, Rows(runs).Count());
        var run = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{data.RunId}");
        Assert.Equal("1.5.0", run.GetProperty("version").GetString());
        var file = await api.GetAsync($"/api/v1/runs/{data.RunId}/items/restore-drill/evidence/{data.EvidenceId}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(data.File, await file.Content.ReadAsByteArrayAsync());
        var signIn = await new BrowserSession(restored.CreateNoRedirectClient()).SignInAsync(ApiMadeUser, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
    }

    /// <summary>The list of runs, whether the API answers with an array or with a page holding one.</summary>
    private static IEnumerable<JsonElement> Rows(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray()
            : list.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value.EnumerateArray();

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
