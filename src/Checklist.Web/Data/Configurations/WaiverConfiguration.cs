using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class WaiverConfiguration : IEntityTypeConfiguration<Waiver>
{
    public void Configure(EntityTypeBuilder<Waiver> builder)
    {
        builder.ToTable("Waivers");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property<Guid>("RunItemId");
        builder.Property(w => w.RequestedById).IsRequired().HasMaxLength(450);
        builder.Property(w => w.RequestedByName).IsRequired().HasMaxLength(256);
        builder.Property(w => w.Justification).IsRequired();
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.DecidedById).HasMaxLength(450);
        builder.Property(w => w.DecidedByName).HasMaxLength(256);
        builder.Ignore(w => w.IsOpen);
        builder.HasIndex("RunItemId", nameof(Waiver.RequestedAt));
        // The expiry job looks for waivers that are still open and past their time.
        builder.HasIndex(w => new { w.Status, w.ExpiresAt });
    }
}
