using Checklist.Web.Jobs;
using Checklist.Web.Runs;

namespace Checklist.Web.Verification;

public static class VerificationExtensions
{
    /// <summary>Manifest uploads, verification (queued as jobs), scheduled re-verification and the reads the pages and API use.</summary>
    public static WebApplicationBuilder AddVerification(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(VerificationOptions.Read(builder.Configuration));
        builder.Services.AddScoped<ManifestService>();
        builder.Services.AddScoped<TargetSnapshotReader>();
        builder.Services.AddScoped<VerificationService>();
        builder.Services.AddScoped<VerificationQueries>();
        builder.Services.AddScoped<ReverificationSweep>();
        builder.Services.AddScoped<VerificationJobQueue>();
        // Replaces the runs feature's default, which knows no facts: the runbook is then built from what was verified.
        builder.Services.AddScoped<RunTargetFactsSource>(services => VerificationFacts.Source(services.GetRequiredService<Data.ChecklistDbContext>()));
        return builder;
    }
}
