using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Checklist.Cli.Database;

/// <summary>Backup and restore of the app's PostgreSQL database with pg_dump and pg_restore.</summary>
public sealed class PostgresDatabase
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("PGDMP");

    /// <summary>
    /// Empties the schema before the backup is loaded. The audit triggers refuse DELETE and TRUNCATE on AuditEvents,
    /// so a restore cannot clear the table row by row; dropping the schema removes the table and its triggers whole,
    /// and also any table a newer version added since the backup. The schema's owner and grants are put back.
    /// </summary>
    private const string EmptySchema = """
        DO $reset$
        DECLARE
            schema_owner text;
            schema_acl aclitem[];
            grant_row record;
        BEGIN
            SELECT pg_get_userbyid(nspowner), nspacl INTO schema_owner, schema_acl FROM pg_namespace WHERE nspname = 'public';
            DROP SCHEMA IF EXISTS public CASCADE;
            CREATE SCHEMA public;
            IF schema_owner IS NOT NULL THEN
                EXECUTE format('ALTER SCHEMA public OWNER TO %I', schema_owner);
            END IF;
            IF schema_acl IS NOT NULL THEN
                FOR grant_row IN SELECT grantee, privilege_type FROM aclexplode(schema_acl) LOOP
                    EXECUTE format('GRANT %s ON SCHEMA public TO %s', grant_row.privilege_type,
                        CASE WHEN grant_row.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(grant_row.grantee)) END);
                END LOOP;
            END IF;
        END
        $reset$;

        """;

    private readonly NpgsqlConnectionStringBuilder _connection;
    private readonly PostgresTools _tools;

    public PostgresDatabase(string connectionString, PostgresTools tools)
    {
        try { _connection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }; }
        catch (ArgumentException ex) { throw new DatabaseCommandException($"ConnectionStrings:Checklist is not a valid PostgreSQL connection string: {ex.Message}"); }
        _tools = tools;
    }

    public string Name => $"{_connection.Database} on {(string.IsNullOrEmpty(_connection.Host) ? "localhost" : _connection.Host)}:{_connection.Port}";

    /// <summary>pg_dump's custom format: compressed, consistent (one snapshot), and restorable selectively.</summary>
    public async Task<string> BackupAsync(string output, CancellationToken ct)
    {
        var temporary = AtomicFile.TemporaryPathFor(output);
        try
        {
            var (exitCode, _, error) = await RunAsync("pg_dump", ["--format=custom", "--no-password", $"--file={temporary}"], ct);
            if (exitCode != 0)
                throw new DatabaseCommandException($"pg_dump of {Name} failed (exit {exitCode}): {Trim(error)}");
            AtomicFile.Commit(temporary, output);
        }
        catch
        {
            AtomicFile.DeleteQuietly(temporary);
            throw;
        }
        return $"Backed up the PostgreSQL database {Name} to {Path.GetFullPath(output)} ({AtomicFile.Describe(output)}).";
    }

    /// <summary>
    /// Empties the schema and loads the backup in ONE transaction (pg_restore writes SQL, psql runs it with
    /// --single-transaction and stops at the first error), so a failed restore leaves the database as it was.
    /// </summary>
    public async Task<string> RestoreAsync(string backup, bool force, CancellationToken ct)
    {
        if (!AtomicFile.StartsWith(backup, Header))
            throw new DatabaseCommandException($"{backup} is not a PostgreSQL backup from checklist backup (pg_dump --format=custom). A SQLite backup restores with Checklist__Database__Provider=Sqlite.");
        var (listExit, list, listError) = await RunAsync("pg_restore", ["--list", backup], ct);
        if (listExit != 0)
            throw new DatabaseCommandException($"{backup} cannot be read by pg_restore: {Trim(listError)}");
        if (!list.Contains("TABLE DATA public AuditEvents", StringComparison.Ordinal))
            throw new DatabaseCommandException($"{backup} is a PostgreSQL backup but not of a Checklist database (it has no audit log); the database was not changed.");

        var others = await OtherSessionsAsync(ct);
        if (others > 0 && !force)
            throw new DatabaseCommandException(
                $"{Name} is in use: {others} other session(s) are connected. Stop the app first (every replica: kubectl scale deployment/checklist --replicas=0), " +
                "then restore; to restore anyway, run again with --force.");

        using var psql = _tools.Start("psql", ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--no-password"], _connection, redirectInput: true);
        using var restore = _tools.Start("pg_restore", ["--clean", "--if-exists", "--no-owner", "--file=-", backup], _connection);
        var psqlOut = psql.StandardOutput.ReadToEndAsync(ct);
        var psqlError = psql.StandardError.ReadToEndAsync(ct);
        var restoreError = restore.StandardError.ReadToEndAsync(ct);
        try
        {
            await psql.StandardInput.WriteAsync(EmptySchema.AsMemory(), ct);
            await psql.StandardInput.FlushAsync(ct);
            await restore.StandardOutput.BaseStream.CopyToAsync(psql.StandardInput.BaseStream, ct);
        }
        catch (IOException)
        {
            // psql stopped reading (it hit an error); its own message below says why.
        }
        finally
        {
            try { psql.StandardInput.Close(); } catch (IOException) { }
        }
        await Task.WhenAll(psql.WaitForExitAsync(ct), restore.WaitForExitAsync(ct));
        await psqlOut;
        if (psql.ExitCode != 0 || restore.ExitCode != 0)
            throw new DatabaseCommandException(
                $"The restore into {Name} failed and was rolled back, so the database is unchanged: {Trim(await psqlError + await restoreError)}");
        return $"Restored {Path.GetFullPath(backup)} into the PostgreSQL database {Name} ({await CountAuditEventsAsync(ct)} audit events). Start the app to use it.";
    }

    private async Task<long> OtherSessionsAsync(CancellationToken ct)
    {
        const string sql = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'";
        return await ScalarAsync(sql, ct);
    }

    private Task<long> CountAuditEventsAsync(CancellationToken ct) => ScalarAsync("SELECT COUNT(*) FROM \"AuditEvents\"", ct);

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connection.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new DatabaseCommandException($"Cannot reach the PostgreSQL database {Name}: {ex.GetBaseException().Message}");
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] arguments, CancellationToken ct)
    {
        using var process = _tools.Start(program, arguments, _connection);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await error);
    }

    // The tools' messages are the useful part; keep the last lines so the one that says why is never cut off.
    private static string Trim(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" ", lines.TakeLast(6));
    }
}
