using Npgsql;

namespace Checklist.Web.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that the test command (tests/run-tests.sh) starts on a free loopback port. Each caller
/// gets a fresh database on it. Not finding the server is a failure, not a skip: CI must never silently drop
/// the PostgreSQL tests.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "CHECKLIST_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with tests/run-tests.sh, which starts a throwaway PostgreSQL server and sets it.");

    public static async Task<string> CreateDatabaseAsync(string prefix = "checklist")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
            await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }
}
