using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Data;

/// <summary>
/// The migrations are written by hand, so these tests are what proves them: after start-up has migrated a
/// fresh database, its catalog must match the EF model exactly, table by table, column by column.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Migrate_Sqlite_SchemaMatchesModel()
    {
        using var factory = new ChecklistAppFactory();
        await AssertSchemaMatchesAsync(factory);
    }

    [Fact]
    public async Task Migrate_Postgres_SchemaMatchesModel()
    {
        using var factory = new ChecklistAppFactory(postgresConnectionString: await PostgresServer.CreateDatabaseAsync());
        await AssertSchemaMatchesAsync(factory);
    }

    [Fact]
    public async Task Migrate_Twice_IsANoOp()
    {
        using var factory = new ChecklistAppFactory();
        _ = factory.Server;
        await factory.Services.MigrateDatabaseAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    private static async Task AssertSchemaMatchesAsync(ChecklistAppFactory factory)
    {
        _ = factory.Server; // start-up applies the migrations
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var expected = DatabaseSchema.FromModel(db);
        var actual = await DatabaseSchema.FromDatabaseAsync(db);
        Assert.NotEmpty(expected.Tables);
        var differences = expected.Differences(actual);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
