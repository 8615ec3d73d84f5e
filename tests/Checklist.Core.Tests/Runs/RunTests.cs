using Checklist.Core.Probes;
using Checklist.Core.Runs;
using static Checklist.Core.Tests.Runs.RunFixture;

namespace Checklist.Core.Tests.Runs;

public class RunTests
{
    [Fact]
    public void Create_FromDefinitions_SnapshotsItemsInOrderAsPending()
    {
        var run = NewRun();

        Assert.Equal(RunState.Draft, run.State);
        Assert.Equal([ProbeItem, OptionalProbe, ManualItem, ManagerItem, FourEyesItem], run.Items.Select(i => i.ItemId));
        Assert.All(run.Items, i => Assert.Equal(RunItemState.Pending, i.State));
        var probe = run.Item(ProbeItem);
        Assert.Equal("liveness-probe", probe.ProbeId);
        Assert.Equal("{\"minSeconds\":5}", probe.ProbeParametersJson);
        Assert.Equal(["doc#heading"], probe.Sources);
        Assert.Equal(["deploy"], probe.RunbookSections);
        Assert.Equal([EvidenceKind.File], run.Item(ManualItem).EvidenceNeeded);
        Assert.True(run.Item(FourEyesItem).FourEyes);
        Assert.Equal("1.4.0", run.ReleaseVersion);
        Assert.Equal("u-rita", run.CreatedById);
        Assert.Equal(DeployMethodKind.Helm, run.DeployMethod.Kind);
        Assert.Equal("shop", run.DeployMethod.Name);
    }

    [Fact]
    public void Create_ItemsAreCopied_LaterChangesToTheSourceListDoNotReachTheRun()
    {
        var definitions = Items().ToList();
        var run = NewRun(items: definitions);

        definitions.Add(Probe("added-later"));

        Assert.Equal(5, run.Items.Count);
    }

    [Theory]
    [InlineData("production", true)]
    [InlineData("Production", true)]
    [InlineData("prod", true)]
    [InlineData("staging", false)]
    public void Create_Environment_SetsFourEyesDecisionPolicy(string environment, bool expected)
    {
        Assert.Equal(expected, NewRun(environment).RequiresFourEyesDecision);
    }

    [Fact]
    public void Create_ExplicitPolicy_OverridesTheEnvironmentDefault()
    {
        var run = Run.Create("t", "h", Items(), "shop", "1", "staging", RunTarget.Manifests(), null,
            UserRef.Of(Rita), Rita, DeployMethod.KubectlApply(), T0, requiresFourEyesDecision: true);

        Assert.True(run.RequiresFourEyesDecision);
    }

    [Fact]
    public void Create_PlannedGoLive_ItemsDueTwoDaysBefore()
    {
        var run = NewRun();

        Assert.All(run.Items, i => Assert.Equal(GoLive.AddDays(-2), i.DueAt));
        Assert.False(run.Item(ProbeItem).IsOverdue(GoLive.AddDays(-3)));
        Assert.True(run.Item(ProbeItem).IsOverdue(GoLive.AddDays(-1)));
    }

    [Fact]
    public void Create_DuplicateItemIds_Refused()
    {
        var ex = Refused(() => NewRun(items: [Probe("a"), Probe("a")]));

        Assert.Equal("Input: item id 'a' appears twice", ex.Message);
        Assert.Equal(RuleViolationKind.Invalid, ex.Kind);
    }

    [Fact]
    public void Create_NoItems_Refused()
    {
        Assert.Equal("Input: a run needs at least one item", Refused(() => NewRun(items: [])).Message);
    }

    [Fact]
    public void Create_ProbeItemWithoutProbe_Refused()
    {
        var item = Probe("x") with { ProbeId = null };

        Assert.Equal("Input: item 'x' is verified by a probe but names none", Refused(() => NewRun(items: [item])).Message);
    }

    [Fact]
    public void Create_NoTarget_Refused()
    {
        var ex = Refused(() => Run.Create("t", "h", Items(), "shop", "1", "staging", new RunTarget(null, null, null, false),
            null, UserRef.Of(Rita), Rita, DeployMethod.KubectlApply(), T0));

        Assert.Equal("Input: a run needs a target: a registered cluster, an uploaded manifest bundle, or both", ex.Message);
    }

    [Fact]
    public void Create_ClusterWithoutNamespace_Refused()
    {
        var ex = Refused(() => Run.Create("t", "h", Items(), "shop", "1", "staging", new RunTarget(Guid.NewGuid(), " ", null, false),
            null, UserRef.Of(Rita), Rita, DeployMethod.KubectlApply(), T0));

        Assert.Equal("Input: a run on a cluster needs the namespace to check", ex.Message);
    }

    [Fact]
    public void Create_BlankService_Refused()
    {
        var ex = Refused(() => Run.Create("t", "h", Items(), " ", "1", "staging", RunTarget.Manifests(),
            null, UserRef.Of(Rita), Rita, DeployMethod.KubectlApply(), T0));

        Assert.Equal("Input: a run needs a service", ex.Message);
    }

    [Fact]
    public void Create_ByEngineer_RefusedNamingTheRole()
    {
        var ex = Refused(() => NewRun(creator: Erin));

        Assert.Equal("Role: only the role release manager or admin may create a run; Erin Engineer has engineer", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
    }

    [Fact]
    public void Create_ByAdmin_Allowed()
    {
        Assert.Equal("u-ada", NewRun(creator: Ada).CreatedById);
    }

    [Fact]
    public void DeployMethod_HelmWithoutReleaseName_Refused()
    {
        Assert.Equal("Input: a Helm release name is required", Refused(() => DeployMethod.Helm("")).Message);
        Assert.Equal("Input: a GitOps application name is required", Refused(() => DeployMethod.GitOps(" ")).Message);
    }

    [Fact]
    public void Item_Unknown_NotFound()
    {
        var run = NewRun();

        var ex = Refused(() => run.Item("nope"));

        Assert.Equal($"Not found: run {run.Id} has no item 'nope'", ex.Message);
        Assert.Equal(RuleViolationKind.NotFound, ex.Kind);
    }

    [Fact]
    public void Start_Draft_MovesToInProgress()
    {
        var run = NewRun();

        run.Start(Erin, T0.AddHours(1));

        Assert.Equal(RunState.InProgress, run.State);
        Assert.Equal(T0.AddHours(1), run.StartedAt);
    }

    [Fact]
    public void Start_Twice_RefusedNamingState()
    {
        var run = NewRun();
        run.Start(Rita, T0);

        var ex = Refused(() => run.Start(Rita, T0));

        Assert.Equal("State: cannot start a run that is in-progress; allowed when draft", ex.Message);
        Assert.Equal(RuleViolationKind.Conflict, ex.Kind);
    }

    [Fact]
    public void FirstItemChange_Draft_StartsTheRun()
    {
        var run = NewRun();

        run.AddEvidence(ManualItem, Erin, EvidenceDraft.Note("n"), T0.AddMinutes(5));

        Assert.Equal(RunState.InProgress, run.State);
        Assert.Equal(T0.AddMinutes(5), run.StartedAt);
    }

    [Fact]
    public void Cancel_WithReason_CancelsAndRecordsWho()
    {
        var run = NewRun();

        run.Cancel(Rob, "release postponed", T0);

        Assert.Equal(RunState.Cancelled, run.State);
        Assert.Equal("release postponed", run.CancelReason);
        Assert.Equal("u-rob", run.CancelledById);
        Assert.Equal(T0, run.CancelledAt);
    }

    [Fact]
    public void Cancel_WithoutReason_Refused()
    {
        Assert.Equal("Input: cancelling a run needs a reason", Refused(() => NewRun().Cancel(Rita, " ", T0)).Message);
    }

    [Fact]
    public void Cancel_ByEngineer_Refused()
    {
        var ex = Refused(() => NewRun().Cancel(Erin, "why", T0));

        Assert.Equal("Role: only the role release manager or admin may cancel a run; Erin Engineer has engineer", ex.Message);
    }

    [Fact]
    public void Cancel_Cancelled_Refused()
    {
        var run = NewRun();
        run.Cancel(Rita, "r", T0);

        Assert.Equal("State: cannot cancel a run that is cancelled; allowed when draft or in-progress or decided",
            Refused(() => run.Cancel(Rita, "again", T0)).Message);
    }

    [Fact]
    public void ItemAction_CancelledRun_RefusedNamingState()
    {
        var run = NewRun();
        run.Cancel(Rita, "r", T0);

        var ex = Refused(() => run.AddEvidence(ManualItem, Erin, EvidenceDraft.Note("n"), T0));

        Assert.Equal($"State: cannot attach evidence to item '{ManualItem}' of a run that is cancelled", ex.Message);
    }

    [Fact]
    public void RecordProbeResult_CancelledRun_Refused()
    {
        var run = NewRun();
        run.Cancel(Rita, "r", T0);

        var ex = Refused(() => run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0));

        Assert.Equal("State: cannot record a probe result on a run that is cancelled; allowed when draft or in-progress or decided", ex.Message);
    }

    [Fact]
    public void Complete_AfterGoDecision_Completes()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, "ship it", T0);

        run.Complete(Rob, T0.AddDays(1));

        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal(T0.AddDays(1), run.CompletedAt);
    }

    [Fact]
    public void Complete_WithoutDecision_Refused()
    {
        var run = NewRun();

        Assert.Equal("State: cannot complete a run that is draft; allowed when decided", Refused(() => run.Complete(Rita, T0)).Message);
    }

    [Fact]
    public void Complete_StaleDecision_Refused()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "liveness probe removed", null, T0.AddHours(1));

        var ex = Refused(() => run.Complete(Rob, T0.AddHours(2)));

        Assert.Equal($"State: cannot complete the run: its go decision is stale (item '{ProbeItem}' regressed to failed: liveness probe removed); reopen it and decide again", ex.Message);
    }

    [Fact]
    public void Complete_Completed_IsFinal()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);
        run.Complete(Rob, T0);

        Assert.Equal("State: cannot cancel a run that is completed; allowed when draft or in-progress or decided",
            Refused(() => run.Cancel(Rob, "late", T0)).Message);
        Assert.Equal("State: cannot record a probe result on a run that is completed; allowed when draft or in-progress or decided",
            Refused(() => run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "x", null, T0)).Message);
        Assert.Empty(run.ExpireWaivers(T0.AddYears(1)));
    }

    [Fact]
    public void ReopenStaleDecision_StaleDecision_BackToInProgressAndDecidableAgain()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "probe removed", null, T0.AddHours(1));

        run.ReopenStaleDecision(Rob, "fix the liveness probe", T0.AddHours(2));
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "probe back", null, T0.AddHours(3));
        var second = run.RecordDecision(Rob, GateDecision.Go, null, T0.AddHours(4));

        Assert.Equal(RunState.Decided, run.State);
        Assert.Equal(2, run.Decisions.Count);
        Assert.Same(second, run.CurrentDecision);
        Assert.True(run.Decisions[0].Stale);
        Assert.False(second.Stale);
    }

    [Fact]
    public void ReopenStaleDecision_DecisionStands_Refused()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);

        var ex = Refused(() => run.ReopenStaleDecision(Rob, "second thoughts", T0));

        Assert.Equal("State: a decided run is reopened only when drift has made its decision stale; this decision stands", ex.Message);
    }

    [Fact]
    public void ReopenStaleDecision_NotDecided_Refused()
    {
        Assert.Equal("State: cannot reopen a run that is draft; allowed when decided",
            Refused(() => NewRun().ReopenStaleDecision(Rob, "r", T0)).Message);
    }

    [Fact]
    public void ItemAction_DecidedRun_RefusedWithHowToReopen()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);

        var ex = Refused(() => run.Reopen(ManualItem, Erin, "redo", T0));

        Assert.Equal($"State: cannot reopen item '{ManualItem}' of a run that is decided; a decided run changes only after drift made its decision stale and it is reopened", ex.Message);
    }

    [Fact]
    public void Reschedule_NewGoLive_MovesDefaultDueDatesButNotHandSetOnes()
    {
        var run = NewRun();
        run.SetDueDate(ManualItem, Rita, GoLive.AddDays(-5), T0);

        run.Reschedule(Rita, GoLive.AddDays(7), T0);

        Assert.Equal(GoLive.AddDays(5), run.Item(ProbeItem).DueAt);
        Assert.Equal(GoLive.AddDays(-5), run.Item(ManualItem).DueAt);
        Assert.Equal(GoLive.AddDays(7), run.PlannedGoLive);
    }

    [Fact]
    public void SetDueDate_Null_ReturnsToTheDefault()
    {
        var run = NewRun();
        run.SetDueDate(ManualItem, Rita, GoLive.AddDays(-5), T0);

        var e = run.SetDueDate(ManualItem, Rita, null, T0);

        Assert.Equal(GoLive.AddDays(-2), run.Item(ManualItem).DueAt);
        Assert.False(run.Item(ManualItem).DueAtSetByHand);
        Assert.Equal(ItemAction.DueDateSet, e.Action);
    }

    [Fact]
    public void MarkManifestsUploaded_SetsTheTargetFlag()
    {
        var run = NewRun();

        run.MarkManifestsUploaded(Erin, T0);

        Assert.True(run.Target.HasManifests);
    }

    [Fact]
    public void RowVersion_EveryChange_IncrementsRunAndItem()
    {
        var run = NewRun();
        var before = run.RowVersion;
        var itemBefore = run.Item(ManualItem).RowVersion;

        run.AddEvidence(ManualItem, Erin, EvidenceDraft.Note("n"), T0);
        run.Assign(ManualItem, Rita, UserRef.Of(Erin), T0);

        Assert.Equal(before + 2, run.RowVersion);
        Assert.Equal(itemBefore + 2, run.Item(ManualItem).RowVersion);
        Assert.Equal(0, run.Item(ProbeItem).RowVersion);
    }

    [Fact]
    public void RowVersion_RefusedChange_Unchanged()
    {
        var run = NewRun();
        var before = run.RowVersion;

        Refused(() => run.SignOff(ManualItem, Erin, null, T0));

        Assert.Equal(before, run.RowVersion);
        Assert.Equal(RunState.Draft, run.State);
    }

    [Fact]
    public void Times_GivenWithOffset_StoredAsUtc()
    {
        var local = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(2));
        var run = NewRun();

        run.Start(Rita, local);

        Assert.Equal(TimeSpan.Zero, run.StartedAt!.Value.Offset);
        Assert.Equal(local, run.StartedAt);
    }
}
