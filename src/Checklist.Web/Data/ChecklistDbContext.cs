using Checklist.Web.Security;
using Checklist.Web.Templates;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Data;

/// <summary>
/// The one DbContext. It is subclassed per provider only so that each provider finds its own hand-written
/// migrations (EF matches migrations to a context type); the model is the same for both.
/// </summary>
public abstract class ChecklistDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ChecklistDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; storing UTC ticks keeps both providers sortable.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class SqliteChecklistDbContext(DbContextOptions<SqliteChecklistDbContext> options) : ChecklistDbContext(options);

public sealed class PostgresChecklistDbContext(DbContextOptions<PostgresChecklistDbContext> options) : ChecklistDbContext(options);
