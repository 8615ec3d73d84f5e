using Checklist.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Seq);
        // The chain assigns sequence numbers itself: a database-generated one could leave gaps on rollback.
        builder.Property(e => e.Seq).ValueGeneratedNever();
        builder.Property(e => e.ActorId).IsRequired().HasMaxLength(450);
        builder.Property(e => e.ActorName).IsRequired().HasMaxLength(256);
        builder.Property(e => e.ActorType).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.SourceAddress).HasMaxLength(64);
        builder.Property(e => e.Action).IsRequired().HasMaxLength(100);
        builder.Property(e => e.EntityType).IsRequired().HasMaxLength(100);
        builder.Property(e => e.EntityId).IsRequired().HasMaxLength(200);
        builder.Property(e => e.CorrelationId).IsRequired().HasMaxLength(100);
        builder.Property(e => e.PreviousHash).IsRequired().HasMaxLength(64);
        builder.Property(e => e.Hash).IsRequired().HasMaxLength(64);
        // Filters of the global log, each with Seq so paging by sequence stays an index range.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.RunId, e.Seq });
        builder.HasIndex(e => new { e.ActorId, e.Seq });
        builder.HasIndex(e => new { e.Action, e.Seq });
        builder.HasIndex(e => new { e.EntityType, e.Seq });
        builder.HasIndex(e => new { e.EntityId, e.Seq });
    }
}
