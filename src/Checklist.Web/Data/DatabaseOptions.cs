namespace Checklist.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from <c>Checklist:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Checklist:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long start-up waits for the database before giving up with a non-zero exit.</summary>
    public int StartupTimeoutSeconds { get; set; } = 30;
}
