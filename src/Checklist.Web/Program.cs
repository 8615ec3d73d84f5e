using Checklist.Web.Api;
using Checklist.Web.Auditing;
using Checklist.Web.Clusters;
using Checklist.Web.Data;
using Checklist.Web.Features;
using Checklist.Web.Jobs;
using Checklist.Web.Operations;
using Checklist.Web.Operations.Metrics;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Checklist.Web.Security.ProxyAuth;
using Checklist.Web.Templates;
using Checklist.Web.Verification;

WebApplication? app = null;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddOperations();
    builder.AddMetricsExporter();
    builder.AddDatabase();
    builder.AddAuditing();
    builder.AddSecurity();
    builder.AddDataProtectionKeyRing();
    builder.AddProxyAuth();
    builder.AddTemplates();
    builder.AddRuns();
    builder.AddClusters();
    builder.AddVerification();
    builder.AddJobs();
    builder.AddWebUi();
    builder.AddApi();

    app = builder.Build();
    await app.PrepareAsync();

    app.UseRequestMetrics(); // first, so it times everything and sees the status the client gets
    app.UseTlsTerminatedByProxy();
    app.UseErrorHandling();
    app.UseMiddleware<SecurityHeadersMiddleware>();
    app.UseStaticFiles(); // wwwroot is public and served before routing and authorization
    app.UseRouting();
    app.UseAuthentication();
    app.UseProxyAuth();
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapHealthEndpoints();
    app.MapMetrics();
    app.MapWebUi();
    app.MapApi();

    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    // A problem the operator must fix: one clear line, no stack trace, and a non-zero exit.
    Console.Error.WriteLine($"Checklist cannot start: {ex.Message}");
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    // Anything else is a defect: the details go to the JSON log for whoever fixes it, one line to the console.
    app?.Logger.LogCritical(ex, "Checklist stopped on an unexpected error");
    Console.Error.WriteLine($"Checklist stopped on an unexpected error: {ex.GetBaseException().Message}");
    return 1;
}

public partial class Program;
