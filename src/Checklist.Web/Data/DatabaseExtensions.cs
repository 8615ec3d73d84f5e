using Checklist.Web.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Checklist.Web.Data;

public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("Checklist");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StartupException("ConnectionStrings:Checklist is not set (environment: ConnectionStrings__Checklist).");

        builder.Services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = PrepareSqlite(connectionString);
                builder.Services.AddDbContext<SqliteChecklistDbContext>(o => Configure(o.UseSqlite(connectionString)));
                builder.Services.AddScoped<ChecklistDbContext>(sp => sp.GetRequiredService<SqliteChecklistDbContext>());
                break;
            case DatabaseProvider.Postgres:
                builder.Services.AddDbContext<PostgresChecklistDbContext>(o => Configure(o.UseNpgsql(connectionString)));
                builder.Services.AddScoped<ChecklistDbContext>(sp => sp.GetRequiredService<PostgresChecklistDbContext>());
                break;
        }
        return builder;
    }

    /// <summary>
    /// Applies the hand-written migrations, waiting for the database up to the configured time so that a
    /// replica starting before its database does not crash-loop at once, then gives up with a clear message.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Checklist.Database");
        var deadline = DateTime.UtcNow.AddSeconds(options.StartupTimeoutSeconds);
        while (true)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
                await MigrateOneAtATimeAsync(db, ct);
                // WAL lets readers proceed while a writer commits; the setting is stored in the file itself.
                if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                return;
            }
            catch (Exception ex) when (IsConnectionFailure(ex) && !ct.IsCancellationRequested)
            {
                if (DateTime.UtcNow >= deadline)
                    throw new StartupException(
                        $"The {options.Provider} database could not be reached within {options.StartupTimeoutSeconds} s: {Innermost(ex).Message}", ex);
                logger.LogWarning("Waiting for the {Provider} database: {Reason}", options.Provider, Innermost(ex).Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    private const long PostgresMigrationLockKey = 0x436865636B4D6967; // "ChekMig"

    /// <summary>
    /// Replicas starting together on one PostgreSQL database must not apply the same migration twice (a second
    /// CREATE TABLE fails the start). A session advisory lock on the connection the migrator uses lets one replica
    /// migrate while the others wait, then find nothing pending. A SQLite file has one process.
    /// </summary>
    private static async Task MigrateOneAtATimeAsync(ChecklistDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgresMigrationLockKey})", ct);
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        var options = new DatabaseOptions();
        var provider = section["Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                throw new StartupException($"Checklist:Database:Provider must be Sqlite or Postgres, not '{provider}'.");
            options.Provider = parsed;
        }
        var timeout = section["StartupTimeoutSeconds"];
        if (!string.IsNullOrWhiteSpace(timeout))
        {
            if (!int.TryParse(timeout, out var seconds) || seconds < 0)
                throw new StartupException($"Checklist:Database:StartupTimeoutSeconds must be a whole number of seconds, not '{timeout}'.");
            options.StartupTimeoutSeconds = seconds;
        }
        return options;
    }

    private static void Configure(DbContextOptionsBuilder options) =>
        // Migrations are written by hand (EF's design-time package is not available), so there is no model
        // snapshot to compare against; a test per provider proves the migrated schema matches the model instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    private static string PrepareSqlite(string connectionString)
    {
        SqliteConnectionStringBuilder csb;
        try { csb = new SqliteConnectionStringBuilder(connectionString); }
        catch (ArgumentException ex) { throw new StartupException($"ConnectionStrings:Checklist is not a valid SQLite connection string: {ex.Message}"); }
        if (csb.DataSource is "" or ":memory:")
            throw new StartupException("ConnectionStrings:Checklist must name a SQLite file (Data Source=path): data must survive a restart.");
        // Relative paths are relative to the working directory, as `dotnet run` users expect (data/checklist.db).
        var directory = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        csb.Pooling = true;
        csb.DefaultTimeout = 30;
        return csb.ToString();
    }

    private static bool IsConnectionFailure(Exception ex) =>
        Innermost(ex) is System.Net.Sockets.SocketException or TimeoutException or System.IO.IOException
        || ex is Npgsql.NpgsqlException { IsTransient: true }
        || ex.InnerException is Npgsql.NpgsqlException { IsTransient: true };

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}
