using Checklist.Web.Auditing;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Auditing;

public sealed class AuditRetentionTests
{
    [Fact]
    public void RetentionDays_Default_IsAboutSevenYears()
    {
        using var factory = new ChecklistAppFactory();
        Assert.Equal(2555, factory.Services.GetRequiredService<AuditOptions>().RetentionDays);
        Assert.Equal(AuditOptions.DefaultRetentionDays, factory.Services.GetRequiredService<AuditOptions>().RetentionDays);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("seven years")]
    public async Task Start_BadRetentionDays_ExitsNonZeroWithTheSettingNamed(string value)
    {
        using var app = AppProcess.Start(new Dictionary<string, string?> { ["Checklist__Audit__RetentionDays"] = value });
        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Checklist:Audit:RetentionDays must be a whole number of days of at least 1, not '{value}'", app.Stderr);
        Assert.DoesNotContain("   at ", app.Stderr + app.Stdout);
    }
}
