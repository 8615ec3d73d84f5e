using System.Text;
using Microsoft.Data.Sqlite;

namespace Checklist.Cli.Database;

/// <summary>Backup and restore of the app's SQLite file.</summary>
public sealed class SqliteDatabase(string file)
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");
    // Files SQLite keeps next to an open database (WAL mode) or during a write (rollback journal).
    private static readonly string[] SideFiles = ["-wal", "-shm", "-journal"];

    public string File { get; } = file;

    /// <summary>
    /// SQLite's online backup: one read transaction copies every page, so the copy is consistent while the app
    /// keeps serving (in WAL mode readers and the writer do not block each other).
    /// </summary>
    public string Backup(string output)
    {
        if (!System.IO.File.Exists(File))
            throw new DatabaseCommandException($"There is no SQLite database at {File}: check ConnectionStrings__Checklist and the working directory.");
        var temporary = AtomicFile.TemporaryPathFor(output);
        try
        {
            using (var source = Open(File, SqliteOpenMode.ReadWrite))
            using (var destination = Open(temporary, SqliteOpenMode.ReadWriteCreate))
            {
                source.BackupDatabase(destination);
                // The copy is one self-contained file, readable without its -wal and -shm companions.
                Execute(destination, "PRAGMA journal_mode=DELETE;");
            }
            AtomicFile.Commit(temporary, output);
        }
        catch (SqliteException ex)
        {
            AtomicFile.DeleteQuietly(temporary);
            throw new DatabaseCommandException($"The backup of {File} failed: {ex.Message}");
        }
        return $"Backed up the SQLite database {File} to {Path.GetFullPath(output)} ({AtomicFile.Describe(output)}).";
    }

    /// <summary>
    /// Replaces the database with the backup: the backup is copied next to the database, checked, flushed and
    /// renamed over it, so the database is always either the old file or the whole backup.
    /// </summary>
    public string Restore(string backup, bool force)
    {
        if (!AtomicFile.StartsWith(backup, Header))
            throw new DatabaseCommandException($"{backup} is not a SQLite backup. A PostgreSQL backup restores with Checklist__Database__Provider=Postgres.");
        var sideFiles = SideFiles.Select(s => File + s).Where(System.IO.File.Exists).ToList();
        var holders = OpenFileHolders.Find([File, .. SideFiles.Select(s => File + s)]);
        if ((sideFiles.Count > 0 || holders.Count > 0) && !force)
            throw new DatabaseCommandException(
                $"{File} looks in use: " + string.Join("; ", new[]
                {
                    holders.Count > 0 ? $"it is open in {string.Join(", ", holders)}" : null,
                    sideFiles.Count > 0 ? $"{string.Join(", ", sideFiles.Select(Path.GetFileName))} exist next to it" : null,
                }.OfType<string>()) +
                ". Stop the app first, then restore; if it is stopped and the files are left over from a crash, run restore again with --force.");

        var temporary = AtomicFile.TemporaryPathFor(File);
        try
        {
            System.IO.File.Copy(backup, temporary);
            var summary = Check(temporary, backup);
            // A -wal left from the old database would be replayed into the new one on the next open.
            foreach (var side in sideFiles) System.IO.File.Delete(side);
            AtomicFile.Commit(temporary, File);
            return $"Restored {Path.GetFullPath(backup)} into the SQLite database {File} ({summary}). Start the app to use it.";
        }
        catch
        {
            AtomicFile.DeleteQuietly(temporary);
            throw;
        }
    }

    private static string Check(string copy, string backup)
    {
        try
        {
            using var connection = Open(copy, SqliteOpenMode.ReadWrite);
            var integrity = Scalar(connection, "PRAGMA integrity_check;");
            if (integrity != "ok")
                throw new DatabaseCommandException($"{backup} is damaged (SQLite integrity check: {integrity}); the database was not changed.");
            var tables = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('AuditEvents', '__EFMigrationsHistory');");
            if (tables != "2")
                throw new DatabaseCommandException($"{backup} is a SQLite file but not a Checklist database (it has no audit log); the database was not changed.");
            return $"{Scalar(connection, "SELECT COUNT(*) FROM AuditEvents;")} audit events";
        }
        catch (SqliteException ex)
        {
            throw new DatabaseCommandException($"{backup} cannot be read as a SQLite database: {ex.Message}; the database was not changed.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
