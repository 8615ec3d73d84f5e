using Checklist.Web.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class TemplateVersionRecordConfiguration : IEntityTypeConfiguration<TemplateVersionRecord>
{
    public void Configure(EntityTypeBuilder<TemplateVersionRecord> builder)
    {
        builder.ToTable("TemplateVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.TemplateId).IsRequired();
        builder.Property(v => v.ContentHash).IsRequired().HasMaxLength(64);
        builder.Property(v => v.Title).IsRequired();
        builder.Property(v => v.CanonicalJson).IsRequired();
        builder.Property(v => v.RawText).IsRequired();
        // The canonical form includes the template id, so a hash names one version of one template.
        builder.HasIndex(v => v.ContentHash).IsUnique();
        builder.HasIndex(v => new { v.TemplateId, v.FirstLoadedAt });
    }
}
