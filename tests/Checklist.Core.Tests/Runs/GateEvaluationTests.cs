using System.Security.Cryptography;
using System.Text;
using Checklist.Core.Probes;
using Checklist.Core.Runs;
using static Checklist.Core.Tests.Runs.RunFixture;

namespace Checklist.Core.Tests.Runs;

public class GateEvaluationTests
{
    [Fact]
    public void EvaluateGate_NewRun_NoGoWithEveryRequiredItemAndWhy()
    {
        var gate = NewRun().EvaluateGate(T0);

        Assert.Equal(GateDecision.NoGo, gate.Decision);
        Assert.Equal(
            [
                (ProbeItem, BlockCause.NotVerified, "not verified yet"),
                (ManualItem, BlockCause.AwaitingSignOff, "awaiting sign-off by an engineer"),
                (ManagerItem, BlockCause.AwaitingSignOff, "awaiting sign-off by a release manager"),
                (FourEyesItem, BlockCause.AwaitingSignOff, "awaiting sign-off by an engineer"),
            ],
            gate.Blocking.Select(b => (b.ItemId, b.Cause, b.Reason)));
        Assert.Equal([OptionalProbe], gate.OpenOptional.Select(b => b.ItemId));
        Assert.Empty(gate.Waived);
        Assert.Equal(T0, gate.EvaluatedAt);
    }

    [Fact]
    public void EvaluateGate_AllRequiredSatisfied_GoEvenWithOptionalFailing()
    {
        var run = ReadyRun();
        run.RecordProbeResult(OptionalProbe, ProbeVerdict.Failed, "no limits", null, T0);

        var gate = run.EvaluateGate(T0);

        Assert.Equal(GateDecision.Go, gate.Decision);
        Assert.Empty(gate.Blocking);
        Assert.Equal("probe failed: no limits", Assert.Single(gate.OpenOptional).Reason);
    }

    [Fact]
    public void EvaluateGate_FailedAndErrorItems_BlockWithTheProbeSummary()
    {
        var run = NewRun(items: [Probe("a"), Probe("b")]);
        run.RecordProbeResult("a", ProbeVerdict.Failed, "2 containers without liveness probe", null, T0);
        run.RecordProbeResult("b", ProbeVerdict.Passed, "ok", null, T0);
        run.RecordProbeResult("b", ProbeVerdict.Error, "403: cannot list deployments", null, T0);

        var gate = run.EvaluateGate(T0);

        Assert.Equal(
            [
                ("a", RunItemState.Failed, BlockCause.Failed, "probe failed: 2 containers without liveness probe"),
                ("b", RunItemState.Error, BlockCause.Error, "probe could not verify: 403: cannot list deployments (last verified passed)"),
            ],
            gate.Blocking.Select(b => (b.ItemId, b.State, b.Cause, b.Reason)));
    }

    [Fact]
    public void EvaluateGate_WaiverRequestedNotApproved_Blocks()
    {
        var run = NewRun(items: [Probe("a")]);
        run.RecordProbeResult("a", ProbeVerdict.Failed, "missing", null, T0);
        run.RequestWaiver("a", Erin, "j", T0.AddDays(1), T0);

        var block = Assert.Single(run.EvaluateGate(T0).Blocking);

        Assert.Equal(BlockCause.WaiverNotApproved, block.Cause);
        Assert.Equal("waiver requested by Erin Engineer but not approved", block.Reason);
    }

    [Fact]
    public void EvaluateGate_ApprovedWaiver_ListedSeparatelyAndGo()
    {
        var run = NewRun(items: [Probe("a")]);
        run.RecordProbeResult("a", ProbeVerdict.Failed, "missing", null, T0);
        var waiver = run.RequestWaiver("a", Erin, "fixed in 1.5", T0.AddDays(1), T0);
        run.ApproveWaiver("a", Rob, null, T0);

        var gate = run.EvaluateGate(T0);

        Assert.True(gate.IsGo);
        var waived = Assert.Single(gate.Waived);
        Assert.Equal(("a", waiver.Id, "fixed in 1.5", "Erin Engineer", "Rob Release", T0.AddDays(1)),
            (waived.ItemId, waived.WaiverId, waived.Justification, waived.RequestedBy, waived.ApprovedBy, waived.ExpiresAt));
    }

    [Fact]
    public void EvaluateGate_WaiverExpiredButNotYetSwept_Blocks()
    {
        var run = NewRun(items: [Probe("a")]);
        run.RequestWaiver("a", Erin, "j", T0.AddDays(1), T0);
        run.ApproveWaiver("a", Rob, null, T0);

        var gate = run.EvaluateGate(T0.AddDays(2));

        var block = Assert.Single(gate.Blocking);
        Assert.Equal(BlockCause.WaiverExpired, block.Cause);
        Assert.Equal("waiver expired at 2026-03-03T09:00:00.0000000+00:00", block.Reason);
        Assert.Empty(gate.Waived);
    }

    [Fact]
    public void EvaluateGate_NotApplicable_DoesNotBlock()
    {
        var run = NewRun(items: [Probe("a"), Manual("m")]);
        run.RecordProbeResult("a", ProbeVerdict.NotApplicable, "no StatefulSets", null, T0);
        run.MarkNotApplicable("m", Erin, "no database", T0);

        Assert.True(run.EvaluateGate(T0).IsGo);
    }

    [Fact]
    public void RecordDecision_GoWhileBlocked_GateBlockedWithItems()
    {
        var run = NewRun();

        var ex = Assert.Throws<GateBlockedException>(() => run.RecordDecision(Rob, GateDecision.Go, null, T0));

        Assert.Equal(RuleViolationKind.Conflict, ex.Kind);
        Assert.Equal(RunRules.Gate, ex.Rule);
        Assert.Equal(4, ex.Gate.Blocking.Count);
        Assert.StartsWith($"Gate: go refused while 4 required item(s) block: {ProbeItem} (not verified yet); ", ex.Message);
        Assert.Empty(run.Decisions);
        Assert.Equal(RunState.Draft, run.State);
    }

    [Fact]
    public void RecordDecision_GoByOtherReleaseManager_Decided()
    {
        var run = ReadyRun();

        var decision = run.RecordDecision(Rob, GateDecision.Go, " all green ", T0.AddDays(1));

        Assert.Equal(RunState.Decided, run.State);
        Assert.Same(decision, run.CurrentDecision);
        Assert.Equal(GateDecision.Go, decision.Outcome);
        Assert.Equal("u-rob", decision.DeciderId);
        Assert.Equal("all green", decision.Comment);
        Assert.Equal(T0.AddDays(1), decision.DecidedAt);
        Assert.False(decision.Stale);
    }

    [Fact]
    public void RecordDecision_CreatorInProduction_RefusedByFourEyes()
    {
        var run = ReadyRun();

        var ex = Refused(() => run.RecordDecision(Rita, GateDecision.Go, null, T0));

        Assert.Equal("Four-eyes: in production the go-live decision is by a release manager other than the run's creator (Rita Release)", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
        Assert.Equal(RunState.InProgress, run.State);
    }

    [Fact]
    public void RecordDecision_AdminCreatorInProduction_RefusedByFourEyes()
    {
        var run = ReadyRun(creator: Ada);

        Assert.Equal(RunRules.FourEyes, Refused(() => run.RecordDecision(Ada, GateDecision.Go, null, T0)).Rule);
    }

    [Fact]
    public void RecordDecision_CreatorInStaging_Allowed()
    {
        var run = ReadyRun("staging");

        var decision = run.RecordDecision(Rita, GateDecision.Go, null, T0);

        Assert.Equal(GateDecision.Go, decision.Outcome);
        Assert.Equal(RunState.Decided, run.State);
    }

    [Fact]
    public void RecordDecision_FourEyesCheckedBeforeTheGate()
    {
        var run = NewRun();

        Assert.Equal(RunRules.FourEyes, Refused(() => run.RecordDecision(Rita, GateDecision.Go, null, T0)).Rule);
    }

    [Fact]
    public void RecordDecision_ByEngineer_RefusedByRole()
    {
        var ex = Refused(() => ReadyRun().RecordDecision(Erin, GateDecision.Go, null, T0));

        Assert.Equal("Role: only the role release manager or admin may record the go-live decision; Erin Engineer has engineer", ex.Message);
    }

    [Fact]
    public void RecordDecision_ByAuditor_Refused()
    {
        Assert.Equal("Read-only: an auditor can change nothing, so Aud Auditor may not record the go-live decision",
            Refused(() => ReadyRun().RecordDecision(Aud, GateDecision.Go, null, T0)).Message);
    }

    [Fact]
    public void RecordDecision_ByAdminOtherThanCreator_Allowed()
    {
        Assert.Equal("u-ada", ReadyRun().RecordDecision(Ada, GateDecision.Go, null, T0).DeciderId);
    }

    [Fact]
    public void RecordDecision_NoGoWhileBlocked_RecordedAndRunStaysInProgress()
    {
        var run = NewRun();
        run.Start(Rita, T0);

        var decision = run.RecordDecision(Rita, GateDecision.NoGo, "restore test missing", T0);

        Assert.Equal(GateDecision.NoGo, decision.Outcome);
        Assert.Equal(RunState.InProgress, run.State);
        Assert.Same(decision, run.CurrentDecision);
    }

    [Fact]
    public void RecordDecision_NoGoWithoutComment_Refused()
    {
        Assert.Equal("Input: a no-go decision needs a comment saying what must change",
            Refused(() => NewRun().RecordDecision(Rob, GateDecision.NoGo, " ", T0)).Message);
    }

    [Fact]
    public void RecordDecision_AlreadyDecided_Refused()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);

        Assert.Equal("State: cannot record a decision on a run that is decided; allowed when draft or in-progress",
            Refused(() => run.RecordDecision(Rob, GateDecision.Go, null, T0)).Message);
    }

    [Fact]
    public void RecordDecision_ThenNoGoDecisionNeverGoesStale()
    {
        var run = NewRun(items: [Probe("a")]);
        run.RecordProbeResult("a", ProbeVerdict.Passed, "ok", null, T0);
        var noGo = run.RecordDecision(Rob, GateDecision.NoGo, "wait for the freeze to end", T0);

        run.RecordProbeResult("a", ProbeVerdict.Failed, "gone", null, T0);

        Assert.False(noGo.Stale);
    }

    [Fact]
    public void FreezeRunbook_AfterGo_StoredOnceWithHash()
    {
        var run = ReadyRun();
        var decision = run.RecordDecision(Rob, GateDecision.Go, null, T0);
        const string markdown = "# Runbook\n\nDeploy with `helm upgrade`.\n";
        var sha = Sha(markdown);

        run.FreezeRunbook(markdown, sha.ToUpperInvariant(), T0.AddMinutes(1));

        Assert.Equal(markdown, decision.RunbookMarkdown);
        Assert.Equal(sha, decision.RunbookSha256);
        Assert.Equal(T0.AddMinutes(1), decision.RunbookFrozenAt);
        var ex = Refused(() => run.FreezeRunbook("# other", Sha("# other"), T0.AddMinutes(2)));
        Assert.Equal("Runbook: the runbook of the decision of 2026-03-02 09:00:00Z was frozen at 2026-03-02 09:01:00Z and never changes", ex.Message);
        Assert.Equal(markdown, decision.RunbookMarkdown);
    }

    [Fact]
    public void FreezeRunbook_WrongHash_Refused()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);

        var ex = Refused(() => run.FreezeRunbook("# Runbook", new string('0', 64), T0));

        Assert.Equal($"Runbook: the SHA-256 given ({new string('0', 64)}) is not that of the runbook's UTF-8 text ({Sha("# Runbook")})", ex.Message);
    }

    [Fact]
    public void FreezeRunbook_NoGoDecision_Refused()
    {
        var run = NewRun();

        Assert.Equal("Runbook: the runbook is frozen at a go decision that stands, and this run has none",
            Refused(() => run.FreezeRunbook("# x", Sha("# x"), T0)).Message);
    }

    [Fact]
    public void FreezeRunbook_StaleDecision_Refused()
    {
        var run = ReadyRun();
        run.RecordDecision(Rob, GateDecision.Go, null, T0);
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "gone", null, T0);

        Assert.Equal(RunRules.Runbook, Refused(() => run.FreezeRunbook("# x", Sha("# x"), T0)).Rule);
        Assert.Null(run.CurrentDecision!.RunbookMarkdown);
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
