using System.Diagnostics;
using Npgsql;

namespace Checklist.Cli.Database;

/// <summary>
/// pg_dump, pg_restore and psql, all from one folder (so their versions match): the first one found on PATH,
/// else the newest /usr/lib/postgresql/*/bin (Debian and Ubuntu install server versions side by side there).
/// The connection is handed over in libpq's environment variables, so the password never shows in a process list.
/// </summary>
public sealed class PostgresTools
{
    private static readonly string[] Programs = ["pg_dump", "pg_restore", "psql"];

    private PostgresTools(string directory) => Directory = directory;

    public string Directory { get; }

    public static PostgresTools Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(DebianVersions());
        foreach (var directory in candidates)
            if (Programs.All(p => File.Exists(Path.Combine(directory, p))))
                return new PostgresTools(directory);
        throw new DatabaseCommandException(
            "pg_dump, pg_restore and psql were not found on PATH or in /usr/lib/postgresql/*/bin. Install the PostgreSQL client tools " +
            "(Debian: apt-get install postgresql-client) of the server's major version or newer.");
    }

    public string PathOf(string program) => Path.Combine(Directory, program);

    /// <summary>Starts a tool with the connection in PG* variables; inherited PG* settings are replaced, never mixed in.</summary>
    public Process Start(string program, IEnumerable<string> arguments, NpgsqlConnectionStringBuilder connection,
        bool redirectInput = false)
    {
        var info = new ProcessStartInfo(PathOf(program), arguments)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in LibpqVariables(connection))
            info.Environment[key] = value;
        return Process.Start(info) ?? throw new DatabaseCommandException($"{program} could not be started from {Directory}.");
    }

    /// <summary>libpq's names for the Npgsql connection string's settings.</summary>
    public static IReadOnlyDictionary<string, string> LibpqVariables(NpgsqlConnectionStringBuilder c)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PGHOST"] = string.IsNullOrEmpty(c.Host) ? "localhost" : c.Host,
            ["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = c.Database ?? c.Username ?? "postgres",
            ["PGAPPNAME"] = "checklist-backup",
            ["PGSSLMODE"] = c.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
            ["PGCONNECT_TIMEOUT"] = Math.Max(2, c.Timeout).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(c.Username)) variables["PGUSER"] = c.Username;
        if (!string.IsNullOrEmpty(c.Password)) variables["PGPASSWORD"] = c.Password;
        if (!string.IsNullOrEmpty(c.Passfile)) variables["PGPASSFILE"] = c.Passfile;
        if (!string.IsNullOrEmpty(c.RootCertificate)) variables["PGSSLROOTCERT"] = c.RootCertificate;
        if (!string.IsNullOrEmpty(c.SslCertificate)) variables["PGSSLCERT"] = c.SslCertificate;
        if (!string.IsNullOrEmpty(c.SslKey)) variables["PGSSLKEY"] = c.SslKey;
        return variables;
    }

    private static IEnumerable<string> DebianVersions()
    {
        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root)) return [];
        return System.IO.Directory.EnumerateDirectories(root)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Directory);
    }
}
