using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        builder.ToTable("Runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TemplateId).IsRequired().HasMaxLength(200);
        builder.Property(r => r.TemplateVersionHash).IsRequired().HasMaxLength(64);
        builder.Property(r => r.Service).IsRequired().HasMaxLength(200);
        builder.Property(r => r.ReleaseVersion).IsRequired().HasMaxLength(100);
        builder.Property(r => r.Environment).IsRequired().HasMaxLength(100);
        builder.ComplexProperty(r => r.Target, target =>
        {
            target.Property(t => t.ClusterId).HasColumnName("TargetClusterId");
            target.Property(t => t.Namespace).HasColumnName("TargetNamespace").HasMaxLength(253);
            target.Property(t => t.Selector).HasColumnName("TargetSelector").HasMaxLength(1000);
            target.Property(t => t.HasManifests).HasColumnName("TargetHasManifests");
        });
        builder.ComplexProperty(r => r.DeployMethod, deploy =>
        {
            deploy.Property(d => d.Kind).HasColumnName("DeployKind").HasConversion<string>().HasMaxLength(32);
            deploy.Property(d => d.Name).HasColumnName("DeployName").HasMaxLength(200);
        });
        builder.Property(r => r.OwnerId).IsRequired().HasMaxLength(450);
        builder.Property(r => r.OwnerName).IsRequired().HasMaxLength(256);
        builder.Property(r => r.CreatedById).IsRequired().HasMaxLength(450);
        builder.Property(r => r.CreatedByName).IsRequired().HasMaxLength(256);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.CancelledById).HasMaxLength(450);
        // Core increments it on every change of the run or its items; EF checks it in the UPDATE's WHERE.
        builder.Property(r => r.RowVersion).IsConcurrencyToken();
        builder.Ignore(r => r.CurrentDecision);

        builder.HasMany(r => r.Items).WithOne().HasForeignKey("RunId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Items).HasField("_items");
        builder.HasMany(r => r.Decisions).WithOne().HasForeignKey("RunId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Decisions).HasField("_decisions");

        // The run list filters by these, newest first.
        builder.HasIndex(r => new { r.Service, r.Environment });
        builder.HasIndex(r => new { r.State, r.PlannedGoLive });
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => r.OwnerId);
    }
}
