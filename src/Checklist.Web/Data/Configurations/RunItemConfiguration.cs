using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class RunItemConfiguration : IEntityTypeConfiguration<RunItem>
{
    public void Configure(EntityTypeBuilder<RunItem> builder)
    {
        builder.ToTable("RunItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property<Guid>("RunId");
        builder.Property(i => i.ItemId).IsRequired().HasMaxLength(200);
        builder.Property(i => i.Section).IsRequired().HasMaxLength(200);
        builder.Property(i => i.Title).IsRequired().HasMaxLength(500);
        builder.Property(i => i.Guidance).IsRequired();
        builder.PrimitiveCollection(i => i.Sources).HasField("_sources").IsRequired();
        builder.Property(i => i.Verification).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.ProbeId).HasMaxLength(100);
        builder.PrimitiveCollection(i => i.EvidenceNeeded).HasField("_evidenceNeeded").IsRequired()
            .ElementType().HasConversion<string>();
        builder.Property(i => i.SignoffRole).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(i => i.RunbookSections).HasField("_runbookSections").IsRequired();
        builder.Property(i => i.AppliesWhen).HasMaxLength(500);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.StateChangedById).HasMaxLength(450);
        builder.Property(i => i.StateChangedByName).HasMaxLength(256);
        builder.Property(i => i.LastVerifiedState).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.LastProbeVerdict).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.AssigneeId).HasMaxLength(450);
        builder.Property(i => i.AssigneeName).HasMaxLength(256);
        builder.Property(i => i.RowVersion).IsConcurrencyToken();
        builder.Ignore(i => i.OpenWaiver);
        builder.Ignore(i => i.ActiveEvidence);

        builder.HasMany(i => i.Evidence).WithOne().HasForeignKey("RunItemId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Evidence).HasField("_evidence");
        builder.HasMany(i => i.Waivers).WithOne().HasForeignKey("RunItemId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Waivers).HasField("_waivers");
        builder.HasMany(i => i.History).WithOne().HasForeignKey("RunItemId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.History).HasField("_history");

        // The API addresses items by the template's id within a run.
        builder.HasIndex("RunId", nameof(RunItem.ItemId)).IsUnique();
        // "My items": open items assigned to a person, by due date.
        builder.HasIndex(i => new { i.AssigneeId, i.DueAt });
    }
}
