using Checklist.Web.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> builder)
    {
        builder.ToTable("Clusters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).IsRequired().HasMaxLength(Cluster.MaxNameLength);
        builder.Property(c => c.Server).IsRequired().HasMaxLength(2000);
        builder.Property(c => c.Kind).IsRequired().HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Context).HasMaxLength(253);
        builder.Property(c => c.CreatedById).IsRequired().HasMaxLength(450);
        builder.Property(c => c.CreatedByName).IsRequired().HasMaxLength(256);
        builder.Ignore(c => c.HasToken);
        builder.HasIndex(c => c.Name).IsUnique();
    }
}
