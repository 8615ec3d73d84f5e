using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Checklist.Web.Tests.Infrastructure;

/// <summary>
/// The real app in process, on a real database: a fresh SQLite file in a temp folder by default, or a fresh
/// database on the test PostgreSQL server. Runs in the Production environment so that tests see what users see.
/// </summary>
public sealed class ChecklistAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "admin-password-123";
    public const string AdminToken = "clk_test-admin-token-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "checklist-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public ChecklistAppFactory(IDictionary<string, string?>? settings = null, string? postgresConnectionString = null)
    {
        Directory.CreateDirectory(_directory);
        _settings = new Dictionary<string, string?>
        {
            ["CHECKLIST_ADMIN_EMAIL"] = AdminEmail,
            ["CHECKLIST_ADMIN_PASSWORD"] = AdminPassword,
            ["CHECKLIST_ADMIN_TOKEN"] = AdminToken,
        };
        if (postgresConnectionString is null)
        {
            DatabaseFile = Path.Combine(_directory, "checklist.db");
            _settings["ConnectionStrings:Checklist"] = $"Data Source={DatabaseFile}";
            _settings["Checklist:Database:Provider"] = "Sqlite";
        }
        else
        {
            _settings["ConnectionStrings:Checklist"] = postgresConnectionString;
            _settings["Checklist:Database:Provider"] = "Postgres";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string? DatabaseFile { get; }
    public string DataDirectory => _directory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public HttpClient CreateNoRedirectClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }
}
