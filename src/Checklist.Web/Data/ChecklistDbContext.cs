using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Clusters;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Checklist.Web.Templates;
using Checklist.Web.Verification;
using Checklist.Web.Webhooks;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Data;

/// <summary>
/// The one DbContext. It is subclassed per provider only so that each provider finds its own hand-written
/// migrations (EF matches migrations to a context type); the model is the same for both.
/// </summary>
public abstract class ChecklistDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    private readonly List<AuditDraft> _pendingAudit = [];

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();
    public DbSet<Cluster> Clusters => Set<Cluster>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ManifestBundle> ManifestBundles => Set<ManifestBundle>();
    public DbSet<VerificationRecord> Verifications => Set<VerificationRecord>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<RunItem> RunItems => Set<RunItem>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<EvidenceBlob> EvidenceBlobs => Set<EvidenceBlob>();
    public DbSet<Waiver> Waivers => Set<Waiver>();
    public DbSet<ItemEvent> ItemEvents => Set<ItemEvent>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<RunDeployment> RunDeployments => Set<RunDeployment>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    /// <summary>Queues an audit event; the next SaveChanges writes it with the change, chained, or neither.</summary>
    public void QueueAudit(AuditDraft draft) => _pendingAudit.Add(draft);

    /// <summary>Drops queued events whose change did not happen (Identity refused it before saving).</summary>
    public void DiscardQueuedAudit() => _pendingAudit.Clear();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        if (_pendingAudit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        return await AuditChainWriter.SaveWithAuditAsync(this, _pendingAudit, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        // Identity's stores save asynchronously; a synchronous save would bypass the audit chain's lock.
        _pendingAudit.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Audited changes must be saved with SaveChangesAsync.");

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
