using System.Data.Common;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Checklist.Web.Tests.Data;

/// <summary>
/// Tables, columns (store type and nullability) and indexes, read either from the EF model or from a live
/// database's catalog, in one comparable shape.
/// </summary>
public sealed record DatabaseSchema(SortedDictionary<string, SortedSet<string>> Tables)
{
    /// <summary>Tables the EF model does not own: the migrations history and Quartz's job store.</summary>
    public static bool IsForeign(string table) =>
        table is "__EFMigrationsHistory" or "__EFMigrationsLock" || table.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase) || table.StartsWith("sqlite_");

    public static DatabaseSchema FromModel(ChecklistDbContext db)
    {
        var tables = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var facts = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var column in table.Columns)
                facts.Add(Column(column.Name, column.StoreType, column.IsNullable));
            foreach (var index in table.Indexes)
                facts.Add(Index(index.Name, index.IsUnique));
            tables[table.Name] = facts;
        }
        return new DatabaseSchema(tables);
    }

    public static async Task<DatabaseSchema> FromDatabaseAsync(ChecklistDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DatabaseSchema> ReadSqliteAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var table in await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0)))
        {
            if (IsForeign(table)) continue;
            var facts = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var column in await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")",
                         r => Column(r.GetString(1), r.GetString(2), r.GetInt64(3) == 0)))
                facts.Add(column);
            foreach (var index in await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")",
                         r => (Name: r.GetString(1), Unique: r.GetInt64(2) == 1, Origin: r.GetString(3))))
                if (index.Origin == "c") facts.Add(Index(index.Name, index.Unique)); // skip automatic PK/unique-constraint indexes
            tables[table] = facts;
        }
        return new DatabaseSchema(tables);
    }

    private static async Task<DatabaseSchema> ReadPostgresAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        const string columns = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """;
        foreach (var (table, column) in await QueryAsync(connection, columns,
                     r => (r.GetString(0), Column(r.GetString(1), r.GetString(2), r.GetBoolean(3)))))
        {
            if (IsForeign(table)) continue;
            if (!tables.TryGetValue(table, out var facts)) tables[table] = facts = new SortedSet<string>(StringComparer.Ordinal);
            facts.Add(column);
        }
        const string indexes = """
            SELECT t.relname, i.relname, ix.indisunique
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT ix.indisprimary
            """;
        foreach (var (table, index) in await QueryAsync(connection, indexes, r => (r.GetString(0), Index(r.GetString(1), r.GetBoolean(2)))))
            if (tables.TryGetValue(table, out var facts)) facts.Add(index);
        return new DatabaseSchema(tables);
    }

    private static string Column(string name, string type, bool nullable) =>
        $"column {name} {type.ToLowerInvariant()} {(nullable ? "null" : "not null")}";

    private static string Index(string name, bool unique) => $"index {name}{(unique ? " unique" : "")}";

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Every difference, one line each, so a failing test says exactly what the migration lacks.</summary>
    public IReadOnlyList<string> Differences(DatabaseSchema actual)
    {
        var lines = new List<string>();
        foreach (var (table, facts) in Tables)
        {
            if (!actual.Tables.TryGetValue(table, out var found)) { lines.Add($"missing table {table}"); continue; }
            lines.AddRange(facts.Except(found).Select(f => $"{table}: model has {f}, database does not"));
            lines.AddRange(found.Except(facts).Select(f => $"{table}: database has {f}, model does not"));
        }
        lines.AddRange(actual.Tables.Keys.Except(Tables.Keys).Select(t => $"unexpected table {t}"));
        return lines;
    }
}
