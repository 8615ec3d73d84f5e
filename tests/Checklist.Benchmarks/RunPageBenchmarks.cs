extern alias web;

using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Checklist.Core.Probes;
using Checklist.Core.Runs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ChecklistDbContext = web::Checklist.Web.Data.ChecklistDbContext;
using UserAdministration = web::Checklist.Web.Security.UserAdministration;

namespace Checklist.Benchmarks;

/// <summary>
/// The run page and the gate of a large run, over HTTP through the whole app (routing, cookie or bearer
/// authentication, EF Core on a SQLite file, Razor): 150 items in 10 sections carrying 2,000 history events, evidence
/// and waivers, the run in progress so every action form and the live runbook preview are rendered. One request per
/// iteration, so the P95 column is the 95th percentile of single requests. Targets: page under 50 ms, gate under 10 ms.
/// </summary>
[Config(typeof(Config))]
public class RunPageBenchmarks
{
    private const string Password = "benchmark-password-1234";
    private const string Token = "clk_benchmark-admin-token-0123456789";

    private Factory _factory = null!;
    private HttpClient _page = null!;
    private HttpClient _api = null!;
    private string _runUrl = "";

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Throughput)
                .WithWarmupCount(20)
                .WithIterationCount(200)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        }
    }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        // WebApplicationFactory reads the app's content root from this variable when no test manifest names it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CHECKLIST_WEB", Path.Combine(RepositoryRoot(), "src", "Checklist.Web"));
        _factory = new Factory();
        var services = _factory.Services;
        await using (var scope = services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await admin.CreateAsync("rm@bench.local", "rm", Password, ["ReleaseManager"], CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            var run = LargeRun();
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            _runUrl = $"/runs/{run.Id}";
        }

        _page = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await _page.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(Regex.Match(login, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        var signIn = await _page.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "rm@bench.local", ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {signIn.StatusCode}");

        _api = _factory.CreateClient();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var page = await RunPage();
        if (!page.Contains("data-testid=\"run-item\"") || Regex.Count(page, "data-testid=\"run-item\"") != 150)
            throw new InvalidOperationException("The run page does not show the 150 items.");
        if (!(await Gate()).Contains("\"decision\":\"no-go\""))
            throw new InvalidOperationException("The gate endpoint did not answer as expected.");
    }

    [Benchmark]
    public Task<string> RunPage() => GetAsync(_page, _runUrl);

    [Benchmark]
    public Task<string> Gate() => GetAsync(_api, $"/api/v1{_runUrl}/gate");

    [GlobalCleanup]
    public void Cleanup()
    {
        _page.Dispose();
        _api.Dispose();
        _factory.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Checklist.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run the benchmark from the repository: Checklist.sln was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>150 items (two in three probe items) in 10 sections; probe rounds, notes, links and assignments up to 2,000 events.</summary>
    private static Run LargeRun()
    {
        var t0 = DateTimeOffset.UtcNow.AddDays(-10);
        var manager = new Actor("u-rm", "rm@bench.local", [Role.ReleaseManager]);
        var approver = new Actor("u-rm2", "rm2@bench.local", [Role.ReleaseManager]);
        var engineer = new Actor("u-eng", "eng@bench.local", [Role.Engineer]);
        var signer = new Actor("u-eng2", "eng2@bench.local", [Role.Engineer]);
        const string guidance = "Check that every container sets **requests** and **limits**.\n\n- read the manifests\n- compare with `kubectl top`\n\nSee [the guide](https://example.com/guide).";
        var items = Enumerable.Range(0, 150).Select(i => i % 3 == 0
            ? new RunItemDefinition($"manual-{i}", $"Section {i % 10}", $"Manual check number {i} of the release", guidance, ["best-practices#security"], true,
                VerificationKind.Manual, null, null, [EvidenceKind.Note], SignoffRole.Engineer, i % 2 == 0, ["backup"], null)
            : new RunItemDefinition($"probe-{i}", $"Section {i % 10}", $"Probe check number {i} of the release", guidance, ["production-grade#health-checks"],
                i % 10 != 1, VerificationKind.Probe, "liveness-probe", "{\"min\":1}", [], SignoffRole.Engineer, false, ["deploy"], null)).ToList();
        var run = Run.Create("bench", new string('b', 64), items, "shop", "1.4.0", "production", RunTarget.Manifests("shop"), t0.AddDays(20),
            UserRef.Of(manager), manager, DeployMethod.KubectlApply(), t0);

        var events = 0;
        var at = t0;
        var manuals = run.Items.Where(i => i.Verification == VerificationKind.Manual).Select(i => i.ItemId).ToList();
        var probes = run.Items.Where(i => i.Verification == VerificationKind.Probe).Select(i => i.ItemId).ToList();
        foreach (var id in manuals)
        {
            run.Assign(id, manager, UserRef.Of(engineer), at = at.AddMinutes(1));
            run.AddEvidence(id, engineer, EvidenceDraft.Note("Checked on **staging**; output attached to the ticket."), at = at.AddMinutes(1));
            run.AddEvidence(id, engineer, EvidenceDraft.Link($"https://tickets.example.com/{id}", "Ticket"), at = at.AddMinutes(1));
            events += 3;
        }
        foreach (var id in manuals.Take(20))
        {
            run.SignOff(id, signer, "looks right", at = at.AddMinutes(1));
            events++;
        }
        foreach (var id in manuals.Skip(20).Take(5))
        {
            run.RequestWaiver(id, engineer, "next sprint", at.AddDays(30), at = at.AddMinutes(1));
            run.ApproveWaiver(id, approver, "accepted", at = at.AddMinutes(1));
            events += 2;
        }
        for (var round = 0; events < 2_000; round++)
        {
            foreach (var id in probes)
            {
                if (events >= 2_000) break;
                var verdict = (round + id.Length) % 4 == 0 ? ProbeVerdict.Failed : ProbeVerdict.Passed;
                run.RecordProbeResult(id, verdict, verdict == ProbeVerdict.Failed ? "Deployment/shop: container web sets no memory limit" : "all containers set limits",
                    round % 5 == 0 ? $"verification/{round}" : null, at = at.AddMinutes(1));
                events++;
            }
        }
        return run;
    }

    /// <summary>The app on a fresh SQLite file, in the Production environment like the tests.</summary>
    private sealed class Factory : WebApplicationFactory<web::Checklist.Web.Runs.RunService>
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("checklist-bench-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Checklist", $"Data Source={Path.Combine(_directory, "checklist.db")}");
            builder.UseSetting("Checklist:Database:Provider", "Sqlite");
            builder.UseSetting("CHECKLIST_ADMIN_EMAIL", "admin@bench.local");
            builder.UseSetting("CHECKLIST_ADMIN_PASSWORD", Password);
            builder.UseSetting("CHECKLIST_ADMIN_TOKEN", Token);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // a temp folder
        }
    }
}
