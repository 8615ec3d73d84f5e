using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class ItemEventConfiguration : IEntityTypeConfiguration<ItemEvent>
{
    public void Configure(EntityTypeBuilder<ItemEvent> builder)
    {
        builder.ToTable("ItemEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property<Guid>("RunItemId");
        builder.Property(e => e.ActorId).IsRequired().HasMaxLength(450);
        builder.Property(e => e.ActorName).IsRequired().HasMaxLength(256);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.FromState).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ToState).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex("RunItemId", nameof(ItemEvent.At));
    }
}
