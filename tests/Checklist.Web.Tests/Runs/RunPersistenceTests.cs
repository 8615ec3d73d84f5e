using Checklist.Core.Probes;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Runs;

/// <summary>The Run aggregate survives a save and a load on both providers, every part of it, and conflicts are caught.</summary>
public sealed class RunPersistenceTests
{
    public static TheoryData<string> Providers => RunsTestApp.Providers;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Rita = new("u-rita", "rita@test.local", [Role.ReleaseManager]);
    private static readonly Actor Rob = new("u-rob", "rob@test.local", [Role.ReleaseManager]);
    private static readonly Actor Erin = new("u-erin", "erin@test.local", [Role.Engineer]);
    private static readonly Actor Eli = new("u-eli", "eli@test.local", [Role.Engineer]);

    [Theory, MemberData(nameof(Providers))]
    public async Task SaveAndLoad_DecidedRun_ReadsBackEveryPart(string provider)
    {
        using var app = await RunsTestApp.StartAsync(provider, users: false);
        var run = DecidedRun();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            db.Runs.Add(run);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            var loaded = await db.Runs.AsNoTracking().Whole().SingleAsync(r => r.Id == run.Id);

            Assert.Equal(run.RowVersion, loaded.RowVersion);
            Assert.Equal(RunState.Decided, loaded.State);
            Assert.Equal(run.Target, loaded.Target);
            Assert.Equal(run.DeployMethod, loaded.DeployMethod);
            Assert.Equal(run.PlannedGoLive, loaded.PlannedGoLive);
            Assert.Equal(run.CreatedAt, loaded.CreatedAt);
            Assert.Equal(run.Items.Select(i => i.ItemId), loaded.Items.Select(i => i.ItemId));
            foreach (var (saved, read) in run.Items.Zip(loaded.Items))
            {
                Assert.Equal(saved.State, read.State);
                Assert.Equal(saved.Sources, read.Sources);
                Assert.Equal(saved.EvidenceNeeded, read.EvidenceNeeded);
                Assert.Equal(saved.RunbookSections, read.RunbookSections);
                Assert.Equal(saved.RowVersion, read.RowVersion);
                Assert.Equal(saved.ProbeParametersJson, read.ProbeParametersJson);
                Assert.Equal(saved.LastVerifiedState, read.LastVerifiedState);
                Assert.Equal(saved.AssigneeName, read.AssigneeName);
                Assert.Equal(saved.DueAt, read.DueAt);
                Assert.Equal(saved.Evidence.Select(e => (e.Id, e.Kind, e.Sha256, e.SupersededById)), read.Evidence.Select(e => (e.Id, e.Kind, e.Sha256, e.SupersededById)));
                Assert.Equal(saved.Waivers.Select(w => (w.Id, w.Status, w.ExpiresAt)), read.Waivers.Select(w => (w.Id, w.Status, w.ExpiresAt)));
                Assert.Equal(saved.History.Select(e => (e.Action, e.FromState, e.ToState, e.Detail)), read.History.Select(e => (e.Action, e.FromState, e.ToState, e.Detail)));
            }
            var decision = Assert.Single(loaded.Decisions);
            Assert.Equal(["four-eyes-review"], decision.WaivedItemIds);
            Assert.Equal(run.CurrentDecision!.RunbookSha256, decision.RunbookSha256);
            Assert.Equal("# Runbook\n", decision.RunbookMarkdown);
            Assert.True(loaded.EvaluateGate(T0.AddHours(1)).IsGo);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Save_TwoContextsChangeTheSameRun_SecondGetsAConcurrencyConflict(string provider)
    {
        using var app = await RunsTestApp.StartAsync(provider, users: false);
        var run = Run.Create("t", new string('c', 64), [Manual("restore-tested", EvidenceKind.Note)], "shop", "1.0", "staging",
            RunTarget.Manifests("shop"), T0.AddDays(7), UserRef.Of(Rita), Rita, DeployMethod.KubectlApply(), T0);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
            db.Runs.Add(run);
            await db.SaveChangesAsync();
        }

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        var run1 = await db1.Runs.ForChange().SingleAsync(r => r.Id == run.Id);
        var run2 = await db2.Runs.ForChange().SingleAsync(r => r.Id == run.Id);
        run1.AddEvidence("restore-tested", Erin, EvidenceDraft.Note("first"), T0.AddMinutes(1));
        run2.AddEvidence("restore-tested", Eli, EvidenceDraft.Note("second"), T0.AddMinutes(1));
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        await using var check = app.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<ChecklistDbContext>().Runs.AsNoTracking().Whole().SingleAsync(r => r.Id == run.Id);
        var evidence = Assert.Single(saved.Items[0].Evidence);
        Assert.Equal("first", evidence.Text);
        Assert.Single(saved.Items[0].History);
    }

    /// <summary>Three items (a probe, a manual file item, a four-eyes note item) taken through evidence, sign-off, a waiver and a go decision.</summary>
    private static Run DecidedRun()
    {
        var run = Run.Create("kubernetes-production-readiness", new string('a', 64),
        [
            new RunItemDefinition("liveness", "Health", "Liveness probes", "Every container has one.", ["best-practices#probes", "production-grade#health"],
                true, VerificationKind.Probe, "liveness-probe", "{\"min\":1}", [], SignoffRole.Engineer, false, ["deploy", "rollback"], "hasServices"),
            Manual("restore-tested", EvidenceKind.File, EvidenceKind.Link),
            Manual("four-eyes-review", EvidenceKind.Note) with { FourEyes = true },
        ], "shop", "1.4.0", "production", RunTarget.Cluster(Guid.NewGuid(), "shop", "app=shop"), T0.AddDays(8),
            UserRef.Of(Rita), Rita, DeployMethod.Helm("shop"), T0);

        run.RecordProbeResult("liveness", ProbeVerdict.Passed, "all containers probed", "verification/1", T0.AddMinutes(1));
        run.Assign("restore-tested", Rita, UserRef.Of(Erin), T0.AddMinutes(2));
        var file = run.AddEvidence("restore-tested", Erin, EvidenceDraft.File("restore.log", new string('b', 64), 42, "text/plain", "db/bbb"), T0.AddMinutes(3));
        run.SupersedeEvidence("restore-tested", file.Id, Erin, EvidenceDraft.File("restore-2.log", new string('d', 64), 43, "text/plain", "db/ddd"), T0.AddMinutes(4));
        run.AddEvidence("restore-tested", Erin, EvidenceDraft.Link("https://ci.example.com/restore/7", "CI job"), T0.AddMinutes(5));
        run.SignOff("restore-tested", Eli, "restore worked", T0.AddMinutes(6));
        run.RequestWaiver("four-eyes-review", Erin, "review next sprint", T0.AddDays(30), T0.AddMinutes(7));
        run.ApproveWaiver("four-eyes-review", Rob, "accepted risk", T0.AddMinutes(8));
        run.RecordDecision(Rob, GateDecision.Go, "ship it", T0.AddMinutes(9));
        var markdown = "# Runbook\n";
        run.FreezeRunbook(markdown, new Core.Runbooks.RunbookDocument(markdown).Sha256, T0.AddMinutes(9));
        return run;
    }

    private static RunItemDefinition Manual(string id, params EvidenceKind[] evidence) => new(
        id, "Operations", $"Title of {id}", "Guidance *in Markdown*", ["production-grade#backups"], true, VerificationKind.Manual,
        null, null, evidence, SignoffRole.Engineer, false, ["backup"], null);
}
