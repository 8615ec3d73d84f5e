using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Runs;

/// <summary>Starts the app on either provider for the run tests.</summary>
internal static class RunsApp
{
    public static async Task<ChecklistAppFactory> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var factory = provider == "Postgres"
            ? new ChecklistAppFactory(settings, await PostgresServer.CreateDatabaseAsync())
            : new ChecklistAppFactory(settings);
        _ = factory.Server;
        return factory;
    }
}
