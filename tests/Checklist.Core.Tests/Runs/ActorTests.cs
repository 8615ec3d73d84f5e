using Checklist.Core.Probes;
using Checklist.Core.Runs;
using static Checklist.Core.Tests.Runs.RunFixture;

namespace Checklist.Core.Tests.Runs;

public class ActorTests
{
    public static TheoryData<string, Action<Run, Actor>> Actions() => new()
    {
        { "start", (run, a) => run.Start(a, T0) },
        { "cancel", (run, a) => run.Cancel(a, "r", T0) },
        { "reschedule", (run, a) => run.Reschedule(a, GoLive, T0) },
        { "upload manifests", (run, a) => run.MarkManifestsUploaded(a, T0) },
        { "probe result", (run, a) => run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0, a) },
        { "evidence", (run, a) => run.AddEvidence(ManualItem, a, EvidenceDraft.Note("n"), T0) },
        { "sign off", (run, a) => run.SignOff(ManagerItem, a, null, T0) },
        { "not applicable", (run, a) => run.MarkNotApplicable(ManualItem, a, "r", T0) },
        { "request waiver", (run, a) => run.RequestWaiver(ManualItem, a, "j", T0.AddDays(1), T0) },
        { "assign", (run, a) => run.Assign(ManualItem, a, UserRef.Of(Erin), T0) },
        { "due date", (run, a) => run.SetDueDate(ManualItem, a, GoLive, T0) },
        { "decision", (run, a) => run.RecordDecision(a, GateDecision.NoGo, "c", T0) },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Action_ByAuditor_RefusedAsReadOnlyAndNothingChanges(string name, Action<Run, Actor> action)
    {
        var run = NewRun();
        var version = run.RowVersion;

        var ex = Refused(() => action(run, Aud));

        Assert.True(ex.Rule == RunRules.ReadOnly, $"{name}: {ex.Message}");
        Assert.StartsWith("Read-only: an auditor can change nothing, so Aud Auditor may not ", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
        Assert.Equal(version, run.RowVersion);
        Assert.All(run.Items, i => Assert.Empty(i.History));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Action_ByAdmin_Allowed(string name, Action<Run, Actor> action)
    {
        var run = NewRun(creator: Rob);
        var version = run.RowVersion;

        action(run, Ada);

        Assert.True(run.RowVersion > version, name);
    }

    [Fact]
    public void Create_ByAuditor_Refused()
    {
        Assert.Equal("Read-only: an auditor can change nothing, so Aud Auditor may not create a run",
            Refused(() => NewRun(creator: Aud)).Message);
    }

    [Fact]
    public void AuditorWhoIsAlsoEngineer_ActsAsEngineer()
    {
        var both = new Actor("u-both", "Both", [Role.Auditor, Role.Engineer]);
        var run = NewRun();

        run.AddEvidence(ManualItem, both, EvidenceDraft.Note("n"), T0);

        Assert.False(both.IsReadOnly);
        Assert.Single(run.Item(ManualItem).Evidence);
    }

    [Fact]
    public void Actor_Equality_ById()
    {
        Assert.Equal(new Actor("u-1", "One", [Role.Engineer]), new Actor("u-1", "Renamed", [Role.Engineer, Role.Admin]));
        Assert.NotEqual(new Actor("u-1", "One", []), new Actor("u-2", "One", []));
    }

    [Fact]
    public void Actor_WithoutId_Refused()
    {
        Assert.Throws<ArgumentException>(() => new Actor(" ", "x", []));
    }

    [Fact]
    public void System_IsNotReadOnlyButMayOnlyDoSystemWork()
    {
        var system = Actor.System();
        var run = NewRun();

        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0, system);

        Assert.False(system.IsReadOnly);
        Assert.Equal("Role: the system may not attach evidence to item 'backup-restore-tested'; a person must",
            Refused(() => run.AddEvidence(ManualItem, system, EvidenceDraft.Note("n"), T0)).Message);
    }

    [Fact]
    public void ActorWithoutRoles_RefusedAsReadOnly()
    {
        var nobody = new Actor("u-x", "Nobody", []);

        Assert.Equal($"Read-only: Nobody has no role, so may not attach evidence to item '{ManualItem}'",
            Refused(() => NewRun().AddEvidence(ManualItem, nobody, EvidenceDraft.Note("n"), T0)).Message);
    }
}
