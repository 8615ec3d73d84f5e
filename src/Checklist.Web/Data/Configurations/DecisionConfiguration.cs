using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("Decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property<Guid>("RunId");
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.DeciderId).IsRequired().HasMaxLength(450);
        builder.Property(d => d.DeciderName).IsRequired().HasMaxLength(256);
        builder.PrimitiveCollection(d => d.WaivedItemIds).HasField("_waivedItemIds").IsRequired();
        builder.Property(d => d.RunbookSha256).HasMaxLength(64);
        builder.Ignore(d => d.RunbookFrozen);
        builder.HasIndex("RunId", nameof(Decision.DecidedAt));
    }
}
