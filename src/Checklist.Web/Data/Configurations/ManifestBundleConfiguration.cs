using Checklist.Core.Runs;
using Checklist.Web.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class ManifestBundleConfiguration : IEntityTypeConfiguration<ManifestBundle>
{
    public void Configure(EntityTypeBuilder<ManifestBundle> builder)
    {
        builder.ToTable("ManifestBundles");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.FileName).IsRequired().HasMaxLength(100);
        builder.Property(b => b.ContentType).IsRequired().HasMaxLength(100);
        builder.Property(b => b.Content).IsRequired();
        builder.Property(b => b.Sha256).IsRequired().HasMaxLength(64);
        builder.Property(b => b.UploadedById).IsRequired().HasMaxLength(450);
        builder.Property(b => b.UploadedByName).IsRequired().HasMaxLength(256);
        builder.HasOne<Run>().WithMany().HasForeignKey(b => b.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.RunId, b.UploadedAt });
    }
}
