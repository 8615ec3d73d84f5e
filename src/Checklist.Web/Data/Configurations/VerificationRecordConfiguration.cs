using Checklist.Core.Runs;
using Checklist.Web.Clusters;
using Checklist.Web.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class VerificationRecordConfiguration : IEntityTypeConfiguration<VerificationRecord>
{
    public void Configure(EntityTypeBuilder<VerificationRecord> builder)
    {
        builder.ToTable("Verifications");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Target).IsRequired().HasMaxLength(2000);
        builder.Property(v => v.RequestedById).IsRequired().HasMaxLength(450);
        builder.Property(v => v.RequestedByName).IsRequired().HasMaxLength(256);
        builder.Property(v => v.ServerAddress).HasMaxLength(2000);
        builder.Property(v => v.ServerVersion).HasMaxLength(100);
        builder.Property(v => v.ReportSha256).HasMaxLength(64);
        builder.Ignore(v => v.IsFinished);
        builder.HasOne<Run>().WithMany().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
        // A cluster is not deleted while runs use it; verifications of finished runs keep their id as history.
        builder.HasOne<Cluster>().WithMany().HasForeignKey(v => v.ClusterId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ManifestBundle>().WithMany().HasForeignKey(v => v.ManifestBundleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.RunId, v.QueuedAt });
        builder.HasIndex(v => v.Status);
    }
}
