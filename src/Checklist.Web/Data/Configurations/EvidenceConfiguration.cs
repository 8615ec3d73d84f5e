using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("Evidence");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property<Guid>("RunItemId");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.ContentType).HasMaxLength(200);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.Property(e => e.AuthorId).IsRequired().HasMaxLength(450);
        builder.Property(e => e.AuthorName).IsRequired().HasMaxLength(256);
        builder.Property(e => e.SupersededByActorId).HasMaxLength(450);
        builder.Ignore(e => e.IsActive);
        builder.HasIndex("RunItemId", nameof(Evidence.AddedAt));
    }
}
