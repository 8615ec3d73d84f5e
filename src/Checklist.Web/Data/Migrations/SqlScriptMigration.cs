using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Checklist.Web.Data.Migrations;

/// <summary>
/// A hand-written migration whose SQL lives beside it as <c>&lt;MigrationId&gt;.sql</c> (an embedded resource), so
/// each provider's DDL reads as the SQL it is. EF's design-time package is not available here; the schema tests
/// prove that the migrated database matches the model for both providers.
/// </summary>
public abstract class SqlScriptMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var id = GetType().GetCustomAttribute<MigrationAttribute>()?.Id
                 ?? throw new InvalidOperationException($"{GetType().Name} has no [Migration] attribute.");
        var resource = $"{GetType().Namespace}.{id}.sql";
        using var stream = GetType().Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"The migration script {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        migrationBuilder.Sql(reader.ReadToEnd());
    }
}
