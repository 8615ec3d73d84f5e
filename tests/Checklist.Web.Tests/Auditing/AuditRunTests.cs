using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Auditing;

/// <summary>The audit parts that need runs: the timeline, the per-run audit pack, and the check of evidence files and frozen runbooks.</summary>
public sealed class AuditRunTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Rita = new("u-rita", "rita@test.local", [Role.ReleaseManager]);
    private static readonly Actor Rob = new("u-rob", "rob@test.local", [Role.ReleaseManager]);
    private static readonly Actor Erin = new("u-erin", "erin@test.local", [Role.Engineer]);
    private static readonly Actor Eli = new("u-eli", "eli@test.local", [Role.Engineer]);

    private const string Runbook = "# Runbook for shop 1.4.0\n\nDeploy with `helm upgrade shop`.\n";
    private static readonly byte[] RestoreLog = Encoding.UTF8.GetBytes("restore started\nrestore finished: 1204 rows\n");
    private static readonly byte[] Screenshot = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10];

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<ChecklistAppFactory> StartAsync(string provider) =>
        provider == "Postgres"
            ? new ChecklistAppFactory(postgresConnectionString: await PostgresServer.CreateDatabaseAsync())
            : new ChecklistAppFactory();

    /// <summary>A decided run with two files (one superseded), a link, a waiver and a frozen runbook, saved with its blobs and audit events.</summary>
    private static async Task<Run> SeedDecidedRunAsync(ChecklistAppFactory factory, string service = "shop", string environment = "production")
    {
        _ = factory.Server;
        var run = Run.Create("kubernetes-production-readiness", new string('a', 64),
            [Manual("restore-tested", EvidenceKind.File, EvidenceKind.Link), Manual("four-eyes-review", EvidenceKind.Note) with { FourEyes = true }],
            service, "1.4.0", environment, RunTarget.Manifests("shop"), T0.AddDays(8), UserRef.Of(Rita), Rita, DeployMethod.Helm("shop"), T0);
        var first = run.AddEvidence("restore-tested", Erin,
            EvidenceDraft.File("screen shot (1).png", Sha(Screenshot), Screenshot.Length, "image/png", "db/" + Sha(Screenshot)), T0.AddMinutes(3));
        var second = run.SupersedeEvidence("restore-tested", first.Id, Erin,
            EvidenceDraft.File("restore log;ü.txt", Sha(RestoreLog), RestoreLog.Length, "text/plain", "db/" + Sha(RestoreLog)), T0.AddMinutes(4));
        run.AddEvidence("restore-tested", Erin, EvidenceDraft.Link("https://ci.example.com/restore/7", "CI job"), T0.AddMinutes(5));
        run.SignOff("restore-tested", Eli, "restore worked", T0.AddMinutes(6));
        run.RequestWaiver("four-eyes-review", Erin, "review next sprint", T0.AddDays(30), T0.AddMinutes(7));
        run.ApproveWaiver("four-eyes-review", Rob, "accepted risk", T0.AddMinutes(8));
        run.RecordDecision(Rob, GateDecision.Go, "ship it", T0.AddMinutes(9));
        run.FreezeRunbook(Runbook, new RunbookDocument(Runbook).Sha256, T0.AddMinutes(9));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        db.Runs.Add(run);
        // Blobs are stored once per content, however many runs attach them.
        if (!await db.EvidenceBlobs.AnyAsync(b => b.Sha256 == Sha(Screenshot)))
        {
            db.EvidenceBlobs.Add(new EvidenceBlob(Sha(Screenshot), Screenshot, T0.AddMinutes(3)));
            db.EvidenceBlobs.Add(new EvidenceBlob(Sha(RestoreLog), RestoreLog, T0.AddMinutes(4)));
        }
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var rita = new AuditActor(Rita.Id, Rita.Name, AuditActorType.User);
        log.Record("run.created", "Run", run.Id.ToString(), run.Id, after: new { service, environment }, actor: rita);
        log.Record("evidence.added", "Evidence", first.Id.ToString(), run.Id, after: new { file = first.FileName, sha256 = first.Sha256 },
            actor: new AuditActor(Erin.Id, Erin.Name, AuditActorType.Token));
        log.Record("evidence.superseded", "Evidence", second.Id.ToString(), run.Id, before: new { id = first.Id }, after: new { id = second.Id },
            actor: new AuditActor(Erin.Id, Erin.Name, AuditActorType.User));
        log.Record("decision.recorded", "Decision", run.CurrentDecision!.Id.ToString(), run.Id, after: new { decision = "go" },
            actor: new AuditActor(Rob.Id, Rob.Name, AuditActorType.User));
        log.Record("runbook.frozen", "Decision", run.CurrentDecision.Id.ToString(), run.Id, after: new { sha256 = run.CurrentDecision.RunbookSha256 });
        log.Record("user.signed-in", "AppUser", "someone-else"); // not the run's
        await db.SaveChangesAsync();
        return run;
    }

    private static RunItemDefinition Manual(string id, params EvidenceKind[] evidence) => new(
        id, "Operations", $"Title of {id}", "Guidance", ["production-grade#backups"], true, VerificationKind.Manual,
        null, null, evidence, SignoffRole.Engineer, false, ["backup"], null);

    private static HttpClient Api(ChecklistAppFactory factory)
    {
        var client = factory.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        return client;
    }

    private static async Task<Dictionary<string, byte[]>> PackAsync(ChecklistAppFactory factory, Guid runId)
    {
        var response = await Api(factory).GetAsync($"/api/v1/runs/{runId}/audit-pack");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            await using var stream = await entry.OpenAsync();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            files.Add(entry.FullName, copy.ToArray());
        }
        return files;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AuditPack_DecidedRun_HoldsEveryPartAndChecksOffline(string provider)
    {
        using var factory = await StartAsync(provider);
        var run = await SeedDecidedRunAsync(factory);
        var files = await PackAsync(factory, run.Id);

        var restorePath = $"evidence/{Sha(RestoreLog)}-restore_log__.txt";
        var screenshotPath = $"evidence/{Sha(Screenshot)}-screen_shot__1_.png";
        Assert.Equal(new[] { "README.txt", "SHA256SUMS", "audit-events.jsonl", restorePath, screenshotPath, "run.json", "runbook.md" }.Order(StringComparer.Ordinal),
            files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Runbook, Encoding.UTF8.GetString(files["runbook.md"]));
        Assert.Equal(RestoreLog, files[restorePath]);
        Assert.Equal(Screenshot, files[screenshotPath]);

        var runJson = JsonDocument.Parse(files["run.json"]).RootElement;
        Assert.Equal(run.Id, runJson.GetProperty("id").GetGuid());
        Assert.True(runJson.GetProperty("pack").GetProperty("runbookFrozen").GetBoolean());
        Assert.Equal(Sha(Encoding.UTF8.GetBytes(Runbook)), runJson.GetProperty("decisions")[0].GetProperty("runbookSha256").GetString());
        var evidence = runJson.GetProperty("items")[0].GetProperty("evidence");
        Assert.Equal(3, evidence.GetArrayLength());
        Assert.Equal(screenshotPath, evidence[0].GetProperty("packPath").GetString());
        Assert.NotEqual(JsonValueKind.Null, evidence[0].GetProperty("supersededAt").ValueKind);
        Assert.Equal("approved", runJson.GetProperty("items")[1].GetProperty("waivers")[0].GetProperty("status").GetString());

        // The run's events and only those, each recomputing to its hash.
        var lines = Encoding.UTF8.GetString(files["audit-events.jsonl"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var stored = (await AuditTrailTests.EventsAsync(factory)).Where(e => e.RunId == run.Id).ToList();
        Assert.Equal(5, stored.Count);
        Assert.Equal(stored.Select(AuditExport.ToJson), lines);

        // SHA256SUMS covers every other file, in the format sha256sum -c reads.
        var sums = Encoding.UTF8.GetString(files["SHA256SUMS"]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (Sha: l[..64], Path: l[66..])).ToList();
        Assert.All(sums, s => Assert.Equal("  ", Encoding.UTF8.GetString(files["SHA256SUMS"]).Split('\n')[0][64..66]));
        Assert.Equal(files.Keys.Where(k => k != "SHA256SUMS").Order(StringComparer.Ordinal), sums.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.All(sums, s => Assert.Equal(Sha(files[s.Path]), s.Sha));

        var readme = Encoding.UTF8.GetString(files["README.txt"]);
        Assert.Contains("sha256sum -c SHA256SUMS", readme);
        Assert.Contains("json.dumps(event, ensure_ascii=False, separators=(\",\", \":\"))", readme);
        Assert.DoesNotContain("PROBLEMS FOUND", readme);

        var (exit, output) = await Sha256SumCheckAsync(files);
        Assert.True(exit == 0, output);
        Assert.Equal(files.Count - 1, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK")));
    }

    [Fact]
    public async Task AuditPack_ReadmeScript_RecomputesEveryEventHash()
    {
        using var factory = new ChecklistAppFactory();
        var run = await SeedDecidedRunAsync(factory);
        var files = await PackAsync(factory, run.Id);
        var readme = Encoding.UTF8.GetString(files["README.txt"]);
        var start = readme.IndexOf("python3 - <<'CHECK'", StringComparison.Ordinal);
        var end = readme.IndexOf("CHECK\n", readme.IndexOf('\n', start) + 1, StringComparison.Ordinal);
        // The script exactly as printed in the README, its indentation removed.
        var script = string.Join('\n', readme[readme.IndexOf('\n', start)..end].Split('\n').Skip(1).Select(l => l.Length >= 2 ? l[2..] : l));

        var directory = Extract(files);
        var python = Process.Start(new ProcessStartInfo("python3", ["-c", script])
            { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await python.StandardOutput.ReadToEndAsync() + await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, output);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, results.Length);
        Assert.All(results, r => Assert.EndsWith(" ok", r));
    }

    [Fact]
    public async Task AuditPack_RunNotDecided_SaysTheRunbookIsNotFrozen()
    {
        using var factory = new ChecklistAppFactory();
        _ = factory.Server;
        var run = Run.Create("t", new string('c', 64), [Manual("restore-tested", EvidenceKind.Note)], "cart", "2.0", "staging",
            RunTarget.Manifests("cart"), null, UserRef.Of(Rita), Rita, DeployMethod.KubectlApply(), T0);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            db.Runs.Add(run);
            await db.SaveChangesAsync();
        }
        var files = await PackAsync(factory, run.Id);
        Assert.StartsWith("# Runbook not frozen", Encoding.UTF8.GetString(files["runbook.md"]));
        Assert.False(JsonDocument.Parse(files["run.json"]).RootElement.GetProperty("pack").GetProperty("runbookFrozen").GetBoolean());
        Assert.Empty(Encoding.UTF8.GetString(files["audit-events.jsonl"]));
        Assert.DoesNotContain(files.Keys, k => k.StartsWith("evidence/"));
    }

    [Fact]
    public async Task AuditPack_UnknownRun_Is404Problem()
    {
        using var factory = new ChecklistAppFactory();
        var response = await Api(factory).GetAsync($"/api/v1/runs/{Guid.NewGuid()}/audit-pack");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("GET /api/v1/runs lists the runs", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AuditPack_EvidenceBytesChanged_FailsSha256SumAndIsNamedInTheReadme()
    {
        using var factory = new ChecklistAppFactory();
        var run = await SeedDecidedRunAsync(factory);
        await AuditTrailTests.ExecuteAsync(factory, ["UPDATE \"EvidenceBlobs\" SET \"Content\" = X'00FF' WHERE \"Sha256\" = '" + Sha(RestoreLog) + "'"]);

        var files = await PackAsync(factory, run.Id);
        var restorePath = $"evidence/{Sha(RestoreLog)}-restore_log__.txt";
        Assert.Contains($"{restorePath}: CHANGED", Encoding.UTF8.GetString(files["README.txt"]));
        var (exit, output) = await Sha256SumCheckAsync(files);
        Assert.NotEqual(0, exit);
        Assert.Contains($"{restorePath}: FAILED", output);
        Assert.Contains("runbook.md: OK", output);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_EvidenceAndRunbookIntact_CountsThemAndIsOk(string provider)
    {
        using var factory = await StartAsync(provider);
        await SeedDecidedRunAsync(factory);
        var body = await VerifyAsync(factory);
        Assert.True(body.GetProperty("ok").GetBoolean(), body.ToString());
        Assert.Equal(1, body.GetProperty("runbooks").GetInt32());
        Assert.Equal(2, body.GetProperty("evidenceFiles").GetInt32());
        Assert.Empty(body.GetProperty("objects").EnumerateArray());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_EvidenceBlobChanged_NamesTheFileAndWhatIsWrong(string provider)
    {
        using var factory = await StartAsync(provider);
        var run = await SeedDecidedRunAsync(factory);
        var evidence = run.Items[0].Evidence.Single(e => e.Sha256 == Sha(RestoreLog));
        var forged = Encoding.UTF8.GetBytes("restore finished: 0 rows\n");
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().Database
                .ExecuteSqlRawAsync("UPDATE \"EvidenceBlobs\" SET \"Content\" = {0} WHERE \"Sha256\" = {1}", forged, Sha(RestoreLog));

        var body = await VerifyAsync(factory);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.True(body.GetProperty("firstBadSeq").ValueKind == JsonValueKind.Null, "the chain itself is intact");
        var problem = Assert.Single(body.GetProperty("objects").EnumerateArray());
        Assert.Equal("evidence-file", problem.GetProperty("kind").GetString());
        Assert.Equal(evidence.Id, problem.GetProperty("id").GetGuid());
        Assert.Equal(run.Id, problem.GetProperty("runId").GetGuid());
        Assert.Equal("file 'restore log;ü.txt' on item 'restore-tested'", problem.GetProperty("name").GetString());
        Assert.Equal($"its stored bytes were changed: they hash to {Sha(forged)}, not to the SHA-256 recorded when it was attached ({Sha(RestoreLog)})",
            problem.GetProperty("problem").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_FrozenRunbookChanged_NamesTheDecision(string provider)
    {
        using var factory = await StartAsync(provider);
        var run = await SeedDecidedRunAsync(factory);
        var decision = run.CurrentDecision!;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            // Through EF's own parameter mapping so the id matches however each provider stores a GUID.
            var changed = await db.Decisions.Where(d => d.Id == decision.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RunbookMarkdown, Runbook.Replace("helm upgrade", "kubectl delete")));
            Assert.Equal(1, changed);
        }

        var body = await VerifyAsync(factory);
        Assert.False(body.GetProperty("ok").GetBoolean());
        var problem = Assert.Single(body.GetProperty("objects").EnumerateArray());
        Assert.Equal("runbook", problem.GetProperty("kind").GetString());
        Assert.Equal(decision.Id, problem.GetProperty("id").GetGuid());
        Assert.Equal("runbook of the go decision of 2026-03-02T09:09:00.0000000Z", problem.GetProperty("name").GetString());
        Assert.StartsWith("its text was changed after it was frozen", problem.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Verify_EvidenceBlobMissing_SaysItIsMissing()
    {
        using var factory = new ChecklistAppFactory();
        await SeedDecidedRunAsync(factory);
        await AuditTrailTests.ExecuteAsync(factory, [$"DELETE FROM \"EvidenceBlobs\" WHERE \"Sha256\" = '{Sha(Screenshot)}'"]);

        await TestUsers.CreateOnePerRoleAsync(factory.Services);
        var auditor = new BrowserSession(factory.CreateNoRedirectClient());
        await auditor.SignInAsync(TestUsers.EmailFor(Roles.Auditor), TestUsers.Password);
        var html = await (await auditor.PostFormAsync("/audit/verify", "/audit/verify", [])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"objects-result\" data-ok=\"false\"", html);
        Assert.Contains("data-kind=\"evidence-file\"", html);
        Assert.Contains($"its bytes (SHA-256 {Sha(Screenshot)}) are missing from the evidence store", html);
        Assert.Contains("data-testid=\"verify-result\" data-ok=\"true\"", html);
    }

    [Fact]
    public async Task Timeline_DecidedRun_ShowsEventsEvidenceAndDecisionsInTimeOrder()
    {
        using var factory = new ChecklistAppFactory();
        var run = await SeedDecidedRunAsync(factory);
        await TestUsers.CreateOnePerRoleAsync(factory.Services);
        var auditor = new BrowserSession(factory.CreateNoRedirectClient());
        await auditor.SignInAsync(TestUsers.EmailFor(Roles.Auditor), TestUsers.Password);

        var response = await auditor.Client.GetAsync($"/audit/runs/{run.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Audit timeline: shop 1.4.0 to production", html);
        Assert.Contains("data-testid=\"run-state\">decided<", html);
        Assert.Equal(5, html.Split("data-testid=\"timeline-event\"").Length - 1);
        Assert.Equal(3, html.Split("data-testid=\"timeline-evidence\"").Length - 1);
        Assert.Contains($"Runbook frozen 2026-03-02 09:09:00.000 UTC, SHA-256 <code class=\"audit-hash\">{run.CurrentDecision!.RunbookSha256}</code>", html);
        Assert.Contains($"href=\"/audit/runs/{run.Id}/pack\"", html);
        // Evidence (added 09:03, 09:04, 09:05) and the decision (09:09) come before the events, which were recorded now.
        Assert.True(html.IndexOf("timeline-evidence", StringComparison.Ordinal) < html.IndexOf("timeline-decision", StringComparison.Ordinal));
        Assert.True(html.IndexOf("timeline-decision", StringComparison.Ordinal) < html.IndexOf("data-testid=\"timeline-event\"", StringComparison.Ordinal));

        var pack = await auditor.Client.GetAsync($"/audit/runs/{run.Id}/pack");
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        Assert.Equal("application/zip", pack.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"audit-pack-shop-1.4.0-{run.Id:N}.zip", pack.Content.Headers.ContentDisposition?.FileNameStar ?? pack.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var unknown = await auditor.Client.GetAsync($"/audit/runs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Index_ServiceAndEnvironment_FilterThroughTheRun()
    {
        using var factory = new ChecklistAppFactory();
        var shop = await SeedDecidedRunAsync(factory, "shop", "production");
        var cart = await SeedDecidedRunAsync(factory, "cart", "production");
        var shopStaging = await SeedDecidedRunAsync(factory, "shop", "staging");
        var events = await AuditTrailTests.EventsAsync(factory);
        await TestUsers.CreateOnePerRoleAsync(factory.Services);
        var auditor = new BrowserSession(factory.CreateNoRedirectClient());
        await auditor.SignInAsync(TestUsers.EmailFor(Roles.Auditor), TestUsers.Password);

        async Task<List<long>> SeqsAsync(string query)
        {
            var html = await auditor.Client.GetStringAsync("/audit?" + query);
            return System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"audit-row\" data-seq=\"(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value)).ToList();
        }
        Assert.Equal(events.Where(e => e.RunId == shop.Id || e.RunId == shopStaging.Id).Select(e => e.Seq).OrderDescending(), await SeqsAsync("service=shop"));
        Assert.Equal(events.Where(e => e.RunId == shop.Id || e.RunId == cart.Id).Select(e => e.Seq).OrderDescending(), await SeqsAsync("environment=production"));
        Assert.Equal(events.Where(e => e.RunId == shopStaging.Id && e.Action == "evidence.added").Select(e => e.Seq),
            await SeqsAsync("service=shop&environment=staging&action=evidence.added"));

        var export = await Api(factory).GetStringAsync("/api/v1/audit?service=cart");
        Assert.Equal(events.Where(e => e.RunId == cart.Id).Select(e => e.Seq),
            JsonDocument.Parse(export).RootElement.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
    }

    private static async Task<JsonElement> VerifyAsync(ChecklistAppFactory factory)
    {
        var response = await Api(factory).GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Extract(IReadOnlyDictionary<string, byte[]> files)
    {
        var directory = Path.Combine(Path.GetTempPath(), "checklist-pack-" + Guid.NewGuid().ToString("N"));
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
        }
        return directory;
    }

    /// <summary>What an auditor runs on the unpacked ZIP: GNU coreutils' own checker, not a re-implementation.</summary>
    private static async Task<(int Exit, string Output)> Sha256SumCheckAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        var directory = Extract(files);
        try
        {
            var process = Process.Start(new ProcessStartInfo("sha256sum", ["-c", "SHA256SUMS"])
                { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
