using Checklist.Core.Runs;
using Checklist.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Checklist.Web.Data.Configurations;

public sealed class RunDeploymentConfiguration : IEntityTypeConfiguration<RunDeployment>
{
    public void Configure(EntityTypeBuilder<RunDeployment> builder)
    {
        builder.ToTable("RunDeployments");
        builder.HasKey(d => d.RunId);
        builder.Property(d => d.RunId).ValueGeneratedNever();
        builder.Property(d => d.HelmChart).HasMaxLength(500);
        builder.Property(d => d.HelmChartVersion).HasMaxLength(100);
        builder.Property(d => d.HelmValuesFile).HasMaxLength(500);
        builder.Property(d => d.GitOpsTool).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.GitOpsNamespace).HasMaxLength(253);
        builder.Property(d => d.BundleFile).HasMaxLength(500);
        builder.HasOne<Run>().WithOne().HasForeignKey<RunDeployment>(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
