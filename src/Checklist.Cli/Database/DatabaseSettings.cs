using Microsoft.Data.Sqlite;

namespace Checklist.Cli.Database;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database the web app uses, read from the same sources in the same order as ASP.NET Core reads them:
/// appsettings.json and appsettings.{environment}.json in the working directory (if present), then environment
/// variables (<c>ConnectionStrings__Checklist</c>, <c>Checklist__Database__Provider</c>). Run the command where
/// the app runs (the container's /app) and it finds the app's database.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The app's own default (its appsettings.json), for a working directory with no settings at all.</summary>
    public const string DefaultSqlite = "Data Source=data/checklist.db";

    private const string ProviderKey = "Checklist:Database:Provider";
    private const string ConnectionStringKey = "ConnectionStrings:Checklist";

    public static DatabaseSettings Read(string workingDirectory)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? "Production";
        var settings = new SettingsReader();
        settings.AddJsonFile(Path.Combine(workingDirectory, "appsettings.json"));
        settings.AddJsonFile(Path.Combine(workingDirectory, $"appsettings.{environment}.json"));
        settings.AddEnvironmentVariables();

        var providerText = settings[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText)
            && (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider)))
            throw new DatabaseCommandException($"Checklist:Database:Provider must be Sqlite or Postgres, not '{providerText}'.");

        var connectionString = settings[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new DatabaseCommandException("ConnectionStrings:Checklist is not set (environment: ConnectionStrings__Checklist): name the PostgreSQL database to work on.");
            connectionString = DefaultSqlite;
        }
        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>The SQLite file, as an absolute path (relative paths are relative to the working directory, as in the app).</summary>
    public string SqliteFile(string workingDirectory)
    {
        SqliteConnectionStringBuilder builder;
        try { builder = new SqliteConnectionStringBuilder(ConnectionString); }
        catch (ArgumentException ex) { throw new DatabaseCommandException($"ConnectionStrings:Checklist is not a valid SQLite connection string: {ex.Message}"); }
        if (builder.DataSource is "" or ":memory:")
            throw new DatabaseCommandException("ConnectionStrings:Checklist must name a SQLite file (Data Source=path).");
        return Path.GetFullPath(builder.DataSource, workingDirectory);
    }
}
