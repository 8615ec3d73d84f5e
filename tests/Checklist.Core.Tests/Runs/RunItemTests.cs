using Checklist.Core.Probes;
using Checklist.Core.Runs;
using static Checklist.Core.Tests.Runs.RunFixture;

namespace Checklist.Core.Tests.Runs;

public class RunItemTests
{
    // ---- probe results ----

    [Theory]
    [InlineData(ProbeVerdict.Passed, RunItemState.Passed)]
    [InlineData(ProbeVerdict.Failed, RunItemState.Failed)]
    [InlineData(ProbeVerdict.NotApplicable, RunItemState.NotApplicable)]
    [InlineData(ProbeVerdict.Error, RunItemState.Error)]
    public void RecordProbeResult_Verdict_SetsState(ProbeVerdict verdict, RunItemState expected)
    {
        var run = NewRun();

        var outcome = run.RecordProbeResult(ProbeItem, verdict, "summary", null, T0);

        Assert.Equal(expected, run.Item(ProbeItem).State);
        Assert.Equal("summary", run.Item(ProbeItem).StateDetail);
        Assert.Equal(RunItemState.Pending, outcome.Event.FromState);
        Assert.Equal(expected, outcome.Event.ToState);
        Assert.Equal(Actor.SystemId, outcome.Event.ActorId);
        Assert.False(outcome.Regressed);
    }

    [Fact]
    public void RecordProbeResult_ErrorAfterPassed_KeepsLastVerifiedStateAndNeverPasses()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0);

        var outcome = run.RecordProbeResult(ProbeItem, ProbeVerdict.Error, "cluster unreachable: DNS", null, T0.AddHours(1));

        var item = run.Item(ProbeItem);
        Assert.Equal(RunItemState.Error, item.State);
        Assert.Equal(RunItemState.Passed, item.LastVerifiedState);
        Assert.Equal(T0, item.LastVerifiedAt);
        Assert.Equal(ProbeVerdict.Error, item.LastProbeVerdict);
        Assert.Equal("Error: cluster unreachable: DNS (last verified passed at 2026-03-02T09:00:00.0000000+00:00)", outcome.Event.Detail);
        Assert.Contains(item.History, e => e.ToState == RunItemState.Passed);
        Assert.False(run.EvaluateGate(T0).IsGo);
    }

    [Fact]
    public void RecordProbeResult_PassedToFailedWithoutDecision_ReportsRegressionOnly()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0);

        var outcome = run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "gone", null, T0);

        Assert.True(outcome.Regressed);
        Assert.False(outcome.DecisionMarkedStale);
    }

    [Fact]
    public void RecordProbeResult_RegressionAfterGoDecision_MarksDecisionStale()
    {
        var run = ReadyRun();
        var decision = run.RecordDecision(Rob, GateDecision.Go, null, T0);

        var outcome = run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "liveness probe removed", "result-2", T0.AddHours(3));

        Assert.True(outcome.Regressed);
        Assert.True(outcome.DecisionMarkedStale);
        Assert.True(decision.Stale);
        Assert.Equal(T0.AddHours(3), decision.StaleAt);
        Assert.Equal($"item '{ProbeItem}' regressed to failed: liveness probe removed", decision.StaleReason);
        Assert.Equal(RunState.Decided, run.State);
    }

    [Fact]
    public void RecordProbeResult_PassedThenErrorThenFailedAfterDecision_IsDrift()
    {
        var run = ReadyRun();
        var decision = run.RecordDecision(Rob, GateDecision.Go, null, T0);
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Error, "timeout", null, T0.AddHours(1));
        Assert.False(decision.Stale);

        var outcome = run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "removed", null, T0.AddHours(2));

        Assert.True(outcome.Regressed);
        Assert.True(decision.Stale);
    }

    [Fact]
    public void RecordProbeResult_FailedAgain_IsNotARegression()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);

        Assert.False(run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "still missing", null, T0).Regressed);
    }

    [Fact]
    public void RecordProbeResult_EvidenceRef_AddsProbeEvidenceAndSupersedesTheOlder()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", "result-1", T0);

        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok again", "result-2", T0.AddHours(1));

        var evidence = run.Item(ProbeItem).Evidence;
        Assert.Equal(2, evidence.Count);
        Assert.False(evidence[0].IsActive);
        Assert.Equal(evidence[1].Id, evidence[0].SupersededById);
        Assert.Equal("result-2", Assert.Single(run.Item(ProbeItem).ActiveEvidence).StorageKey);
        Assert.Equal(EvidenceKind.Probe, evidence[1].Kind);
    }

    [Fact]
    public void RecordProbeResult_ManualItem_Refused()
    {
        var ex = Refused(() => NewRun().RecordProbeResult(ManualItem, ProbeVerdict.Passed, "ok", null, T0));

        Assert.Equal($"Verification: item '{ManualItem}' is verified by a person's sign-off, not by a probe, so it takes no probe result", ex.Message);
    }

    [Fact]
    public void RecordProbeResult_ByAuditor_Refused()
    {
        var ex = Refused(() => NewRun().RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0, Aud));

        Assert.Equal($"Read-only: an auditor can change nothing, so Aud Auditor may not record a probe result on item '{ProbeItem}'", ex.Message);
    }

    [Fact]
    public void RecordProbeResult_ByEngineerFromCli_Allowed()
    {
        var run = NewRun();

        var outcome = run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0, Erin);

        Assert.Equal("u-erin", outcome.Event.ActorId);
    }

    [Fact]
    public void RecordProbeResult_PersonMarkedNotApplicable_StateKeptAndResultInHistory()
    {
        var run = NewRun();
        run.MarkNotApplicable(ProbeItem, Erin, "batch job, no liveness endpoint", T0);

        var outcome = run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "no liveness probe", null, T0.AddHours(1));

        Assert.Equal(RunItemState.NotApplicable, run.Item(ProbeItem).State);
        Assert.Equal("Failed: no liveness probe (state kept: not-applicable by Erin Engineer)", outcome.Event.Detail);
        Assert.Equal(ProbeVerdict.Failed, run.Item(ProbeItem).LastProbeVerdict);
    }

    [Fact]
    public void RecordProbeResult_ProbeSaidNotApplicable_LaterResultApplies()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.NotApplicable, "no workloads", null, T0);

        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "workload without probe", null, T0);

        Assert.Equal(RunItemState.Failed, run.Item(ProbeItem).State);
    }

    [Fact]
    public void RecordProbeResult_Waived_StateKept()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);
        run.RequestWaiver(ProbeItem, Erin, "legacy service", T0.AddDays(30), T0);
        run.ApproveWaiver(ProbeItem, Rita, null, T0);

        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "still missing", null, T0.AddHours(1));

        Assert.Equal(RunItemState.Waived, run.Item(ProbeItem).State);
    }

    // ---- evidence ----

    [Fact]
    public void AddEvidence_File_KeepsHashSizeTypeAndKey()
    {
        var run = NewRun();
        var sha = new string('B', 64);

        var evidence = run.AddEvidence(ManualItem, Erin, EvidenceDraft.File("../../restore.log", sha, 2048, "text/plain", "blobs/42"), T0);

        Assert.Equal(EvidenceKind.File, evidence.Kind);
        Assert.Equal("restore.log", evidence.FileName);
        Assert.Equal(new string('b', 64), evidence.Sha256);
        Assert.Equal(2048, evidence.SizeBytes);
        Assert.Equal("text/plain", evidence.ContentType);
        Assert.Equal("blobs/42", evidence.StorageKey);
        Assert.Equal("u-erin", evidence.AuthorId);
        var e = run.Item(ManualItem).History[^1];
        Assert.Equal(ItemAction.EvidenceAdded, e.Action);
        Assert.Equal($"file restore.log (sha256 {new string('b', 64)})", e.Detail);
    }

    [Theory]
    [InlineData("https://wiki.example.com/restore")]
    [InlineData("http://intranet/restore")]
    public void AddEvidence_HttpLink_Accepted(string url)
    {
        var evidence = NewRun().AddEvidence(ManualItem, Erin, EvidenceDraft.Link(url, "restore test"), T0);

        Assert.Equal(EvidenceKind.Link, evidence.Kind);
        Assert.StartsWith("http", evidence.Url);
        Assert.Equal("restore test", evidence.Text);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/x")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void EvidenceDraftLink_NotHttp_Refused(string url)
    {
        var ex = Refused(() => EvidenceDraft.Link(url));

        Assert.Equal($"Evidence: a link must be an absolute http or https URL, not '{url}'", ex.Message);
        Assert.Equal(RuleViolationKind.Invalid, ex.Kind);
    }

    [Fact]
    public void EvidenceDraftFile_BadHash_Refused()
    {
        Assert.Equal("Evidence: the SHA-256 of 'a.txt' must be 64 hexadecimal characters",
            Refused(() => EvidenceDraft.File("a.txt", "abc", 1, "text/plain", "k")).Message);
        Assert.Equal("Evidence: the size of 'a.txt' cannot be negative",
            Refused(() => EvidenceDraft.File("a.txt", new string('0', 64), -1, "text/plain", "k")).Message);
        Assert.Equal("Evidence: 'a.txt' needs the storage key it was saved under",
            Refused(() => EvidenceDraft.File("a.txt", new string('0', 64), 1, "text/plain", "")).Message);
    }

    [Fact]
    public void EvidenceDraftNote_Blank_Refused()
    {
        Assert.Equal("Evidence: a note needs text", Refused(() => EvidenceDraft.Note("  ")).Message);
    }

    [Fact]
    public void SupersedeEvidence_Active_KeepsOldOneMarked()
    {
        var run = NewRun();
        var old = run.AddEvidence(ManualItem, Erin, EvidenceDraft.Note("first"), T0);

        var replacement = run.SupersedeEvidence(ManualItem, old.Id, Eli, EvidenceDraft.Note("corrected"), T0.AddHours(1));

        var item = run.Item(ManualItem);
        Assert.Equal(2, item.Evidence.Count);
        Assert.False(old.IsActive);
        Assert.Equal(replacement.Id, old.SupersededById);
        Assert.Equal("u-eli", old.SupersededByActorId);
        Assert.Equal(T0.AddHours(1), old.SupersededAt);
        Assert.Equal([replacement], item.ActiveEvidence);
        Assert.Equal(ItemAction.EvidenceSuperseded, item.History[^1].Action);
    }

    [Fact]
    public void SupersedeEvidence_AlreadySuperseded_Refused()
    {
        var run = NewRun();
        var old = run.AddEvidence(ManualItem, Erin, EvidenceDraft.Note("first"), T0);
        run.SupersedeEvidence(ManualItem, old.Id, Erin, EvidenceDraft.Note("second"), T0);

        var ex = Refused(() => run.SupersedeEvidence(ManualItem, old.Id, Erin, EvidenceDraft.Note("third"), T0));

        Assert.Equal($"Evidence: evidence {old.Id} on item '{ManualItem}' was already superseded at 2026-03-02T09:00:00.0000000+00:00; supersede its replacement instead", ex.Message);
    }

    [Fact]
    public void SupersedeEvidence_Unknown_NotFound()
    {
        var id = Guid.NewGuid();

        var ex = Refused(() => NewRun().SupersedeEvidence(ManualItem, id, Erin, EvidenceDraft.Note("x"), T0));

        Assert.Equal($"Not found: item '{ManualItem}' has no evidence {id}", ex.Message);
        Assert.Equal(RuleViolationKind.NotFound, ex.Kind);
    }

    [Fact]
    public void SupersedeEvidence_ProbeEvidence_Refused()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", "result-1", T0);
        var probeEvidence = run.Item(ProbeItem).Evidence[0];

        var ex = Refused(() => run.SupersedeEvidence(ProbeItem, probeEvidence.Id, Erin, EvidenceDraft.Note("x"), T0));

        Assert.Equal($"Evidence: probe evidence on item '{ProbeItem}' is replaced by the next verification, not by a person", ex.Message);
    }

    [Fact]
    public void SupersedeEvidence_SignedOffItem_WithdrawsTheSignOff()
    {
        var run = NewRun();
        var file = run.AddEvidence(ManualItem, Erin, EvidenceDraft.File("a.log", new string('a', 64), 1, "text/plain", "k1"), T0);
        run.SignOff(ManualItem, Erin, null, T0);

        run.SupersedeEvidence(ManualItem, file.Id, Erin, EvidenceDraft.File("b.log", new string('c', 64), 1, "text/plain", "k2"), T0);

        Assert.Equal(RunItemState.Pending, run.Item(ManualItem).State);
        Assert.EndsWith("; sign-off withdrawn", run.Item(ManualItem).History[^1].Detail);
    }

    [Fact]
    public void AddEvidence_ByAuditor_Refused()
    {
        var ex = Refused(() => NewRun().AddEvidence(ManualItem, Aud, EvidenceDraft.Note("n"), T0));

        Assert.Equal($"Read-only: an auditor can change nothing, so Aud Auditor may not attach evidence to item '{ManualItem}'", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
    }

    // ---- sign-off ----

    [Fact]
    public void SignOff_EngineerItemWithEvidence_SignedOff()
    {
        var run = NewRun();
        run.AddEvidence(ManualItem, Erin, EvidenceDraft.File("a.log", new string('a', 64), 1, "text/plain", "k"), T0);

        var e = run.SignOff(ManualItem, Erin, " restore verified ", T0.AddHours(1));

        var item = run.Item(ManualItem);
        Assert.Equal(RunItemState.SignedOff, item.State);
        Assert.Equal("restore verified", item.StateDetail);
        Assert.Equal("u-erin", item.StateChangedById);
        Assert.Equal(ItemAction.SignedOff, e.Action);
        Assert.Equal(RunItemState.Pending, e.FromState);
    }

    [Fact]
    public void SignOff_MissingEvidenceKind_RefusedNamingTheKind()
    {
        var run = NewRun();
        run.AddEvidence(ManualItem, Erin, EvidenceDraft.Note("it worked"), T0);

        var ex = Refused(() => run.SignOff(ManualItem, Erin, null, T0));

        Assert.Equal($"Evidence: item '{ManualItem}' needs file evidence before sign-off", ex.Message);
    }

    [Fact]
    public void SignOff_OnlyEvidenceSuperseded_CountsOnlyActiveEvidence()
    {
        var run = NewRun(items: [Manual("m", SignoffRole.Engineer, false, EvidenceKind.Link)]);
        var link = run.AddEvidence("m", Erin, EvidenceDraft.Link("https://a"), T0);
        run.SupersedeEvidence("m", link.Id, Erin, EvidenceDraft.Note("link was wrong"), T0);

        Assert.Equal("Evidence: item 'm' needs link evidence before sign-off", Refused(() => run.SignOff("m", Erin, null, T0)).Message);
    }

    [Fact]
    public void SignOff_ProbeItem_Refused()
    {
        var ex = Refused(() => NewRun().SignOff(ProbeItem, Erin, null, T0));

        Assert.Equal($"Verification: item '{ProbeItem}' is verified by probe 'liveness-probe'; only manual items are signed off", ex.Message);
    }

    [Fact]
    public void SignOff_ReleaseManagerItemByEngineer_RefusedNamingTheRole()
    {
        var ex = Refused(() => NewRun().SignOff(ManagerItem, Erin, null, T0));

        Assert.Equal($"Role: only the role release manager or admin may sign off item '{ManagerItem}'; Erin Engineer has engineer", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
    }

    [Fact]
    public void SignOff_EngineerItemByReleaseManager_Refused()
    {
        var run = NewRun();
        run.AddEvidence(ManualItem, Erin, EvidenceDraft.File("a.log", new string('a', 64), 1, "text/plain", "k"), T0);

        var ex = Refused(() => run.SignOff(ManualItem, Rita, null, T0));

        Assert.Equal($"Role: only the role engineer or admin may sign off item '{ManualItem}'; Rita Release has release manager", ex.Message);
    }

    [Fact]
    public void SignOff_ByAdmin_AllowedForEitherRole()
    {
        var run = NewRun();

        run.SignOff(ManagerItem, Ada, null, T0);

        Assert.Equal(RunItemState.SignedOff, run.Item(ManagerItem).State);
    }

    [Fact]
    public void SignOff_FourEyesSignerWroteOnlyEvidence_Refused()
    {
        var run = NewRun();
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Note("reviewed"), T0);

        var ex = Refused(() => run.SignOff(FourEyesItem, Erin, null, T0));

        Assert.Equal("Four-eyes: the signer wrote the item's only evidence; someone else must sign off", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
        Assert.Equal(RunRules.FourEyes, ex.Rule);
    }

    [Fact]
    public void SignOff_FourEyesSignerWroteAllEvidence_Refused()
    {
        var run = NewRun();
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Note("reviewed"), T0);
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Link("https://report"), T0);

        Assert.Equal("Four-eyes: the signer wrote all of the item's evidence; someone else must sign off",
            Refused(() => run.SignOff(FourEyesItem, Erin, null, T0)).Message);
    }

    [Fact]
    public void SignOff_FourEyesAdminWroteOnlyEvidence_RefusedToo()
    {
        var run = NewRun();
        run.AddEvidence(FourEyesItem, Ada, EvidenceDraft.Note("reviewed"), T0);

        Assert.Equal(RunRules.FourEyes, Refused(() => run.SignOff(FourEyesItem, Ada, null, T0)).Rule);
    }

    [Fact]
    public void SignOff_FourEyesOtherPersonSigns_Allowed()
    {
        var run = NewRun();
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Note("reviewed"), T0);

        run.SignOff(FourEyesItem, Eli, null, T0);

        Assert.Equal(RunItemState.SignedOff, run.Item(FourEyesItem).State);
    }

    [Fact]
    public void SignOff_FourEyesSignerAddedOneOfSeveralPieces_Allowed()
    {
        var run = NewRun();
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Note("reviewed"), T0);
        run.AddEvidence(FourEyesItem, Eli, EvidenceDraft.Note("second review"), T0);

        run.SignOff(FourEyesItem, Eli, null, T0);

        Assert.Equal(RunItemState.SignedOff, run.Item(FourEyesItem).State);
    }

    [Fact]
    public void SignOff_NoFourEyes_SignerMayBeTheAuthor()
    {
        var run = NewRun();
        run.AddEvidence(ManualItem, Erin, EvidenceDraft.File("a.log", new string('a', 64), 1, "text/plain", "k"), T0);

        run.SignOff(ManualItem, Erin, null, T0);

        Assert.Equal(RunItemState.SignedOff, run.Item(ManualItem).State);
    }

    [Fact]
    public void SignOff_Twice_RefusedNamingState()
    {
        var run = NewRun();
        run.SignOff(ManagerItem, Rita, null, T0);

        var ex = Refused(() => run.SignOff(ManagerItem, Rob, null, T0));

        Assert.Equal($"State: cannot sign off item '{ManagerItem}' while it is signed-off; allowed when pending", ex.Message);
        Assert.Equal(RuleViolationKind.Conflict, ex.Kind);
    }

    [Fact]
    public void SignOff_ByAuditor_Refused()
    {
        Assert.Equal($"Read-only: an auditor can change nothing, so Aud Auditor may not sign off item '{ManagerItem}'",
            Refused(() => NewRun().SignOff(ManagerItem, Aud, null, T0)).Message);
    }

    [Fact]
    public void SignOff_BySystem_Refused()
    {
        Assert.Equal($"Role: the system may not sign off item '{ManagerItem}'; a person must",
            Refused(() => NewRun().SignOff(ManagerItem, Actor.System(), null, T0)).Message);
    }

    // ---- not applicable ----

    [Fact]
    public void MarkNotApplicable_WithReason_Recorded()
    {
        var run = NewRun();

        var e = run.MarkNotApplicable(ManualItem, Erin, " stateless service ", T0);

        var item = run.Item(ManualItem);
        Assert.Equal(RunItemState.NotApplicable, item.State);
        Assert.Equal("stateless service", item.StateDetail);
        Assert.True(item.NotApplicableByPerson);
        Assert.Equal(ItemAction.MarkedNotApplicable, e.Action);
    }

    [Fact]
    public void MarkNotApplicable_WithoutReason_Refused()
    {
        Assert.Equal($"Input: marking item '{ManualItem}' not applicable needs a reason",
            Refused(() => NewRun().MarkNotApplicable(ManualItem, Erin, "", T0)).Message);
    }

    [Fact]
    public void MarkNotApplicable_Passed_Refused()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0);

        Assert.Equal($"State: cannot mark not applicable item '{ProbeItem}' while it is passed; allowed when pending or failed or error",
            Refused(() => run.MarkNotApplicable(ProbeItem, Erin, "r", T0)).Message);
    }

    [Fact]
    public void MarkNotApplicable_ByAuditor_Refused()
    {
        Assert.Equal(RunRules.ReadOnly, Refused(() => NewRun().MarkNotApplicable(ManualItem, Aud, "r", T0)).Rule);
    }

    [Fact]
    public void MarkNotApplicable_WithPendingWaiverRequest_ClosesTheRequest()
    {
        var run = NewRun();
        var waiver = run.RequestWaiver(ManualItem, Erin, "later", T0.AddDays(10), T0);

        run.MarkNotApplicable(ManualItem, Erin, "not relevant", T0);

        Assert.Equal(WaiverStatus.Revoked, waiver.Status);
        Assert.Null(run.Item(ManualItem).OpenWaiver);
    }

    // ---- waivers ----

    [Fact]
    public void RequestExemptionWaiver_FailedProbeItem_RequestedBySystemAndApprovedByAPerson()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "exempted only", null, T0);

        var waiver = run.RequestExemptionWaiver(ProbeItem, "batch job runs as root by design", T0.AddDays(30), T0);

        Assert.Equal(Actor.SystemId, waiver.RequestedById);
        Assert.Equal("Exemption annotation: batch job runs as root by design", waiver.Justification);
        Assert.Equal(RunItemState.Failed, run.Item(ProbeItem).State);
        Assert.False(run.EvaluateGate(T0).IsGo);
        run.ApproveWaiver(ProbeItem, Rita, null, T0.AddHours(1));
        Assert.Equal(RunItemState.Waived, run.Item(ProbeItem).State);
    }

    [Fact]
    public void RequestWaiver_BySystemWithoutAnExemption_Refused()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);

        var refusal = Assert.Throws<RuleViolationException>(() => run.RequestWaiver(ProbeItem, Actor.System(), "because", T0.AddDays(1), T0));

        Assert.StartsWith("Role:", refusal.Message);
        Assert.Contains("the system may not request a waiver", refusal.Message);
    }

    [Fact]
    public void RequestWaiver_FailedProbeItem_RequestedWithoutChangingState()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);

        var waiver = run.RequestWaiver(ProbeItem, Erin, "legacy image, fixed in 1.5", T0.AddDays(14), T0);

        Assert.Equal(WaiverStatus.Requested, waiver.Status);
        Assert.Equal("u-erin", waiver.RequestedById);
        Assert.Equal(RunItemState.Failed, run.Item(ProbeItem).State);
        Assert.Same(waiver, run.Item(ProbeItem).OpenWaiver);
        Assert.Equal(ItemAction.WaiverRequested, run.Item(ProbeItem).History[^1].Action);
    }

    [Fact]
    public void RequestWaiver_ExpiryNotInFuture_Refused()
    {
        var ex = Refused(() => NewRun().RequestWaiver(ManualItem, Erin, "j", T0, T0));

        Assert.Equal("Waiver: a waiver must expire in the future; 2026-03-02T09:00:00.0000000+00:00 is not after 2026-03-02T09:00:00.0000000+00:00", ex.Message);
        Assert.Equal(RuleViolationKind.Invalid, ex.Kind);
    }

    [Fact]
    public void RequestWaiver_NoJustification_Refused()
    {
        Assert.Equal($"Input: a waiver for item '{ManualItem}' needs a justification",
            Refused(() => NewRun().RequestWaiver(ManualItem, Erin, " ", T0.AddDays(1), T0)).Message);
    }

    [Fact]
    public void RequestWaiver_AlreadyOpen_Refused()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(1), T0);

        Assert.Equal($"Waiver: item '{ManualItem}' already has a waiver requested by Erin Engineer",
            Refused(() => run.RequestWaiver(ManualItem, Eli, "j2", T0.AddDays(1), T0)).Message);
    }

    [Fact]
    public void RequestWaiver_PassedItem_Refused()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0);

        Assert.Equal($"State: cannot request a waiver for item '{ProbeItem}' while it is passed; allowed when pending or failed or error",
            Refused(() => run.RequestWaiver(ProbeItem, Erin, "j", T0.AddDays(1), T0)).Message);
    }

    [Fact]
    public void ApproveWaiver_OtherReleaseManager_ItemWaived()
    {
        var run = NewRun();
        var waiver = run.RequestWaiver(ManualItem, Rita, "restore test after go-live", T0.AddDays(7), T0);

        var e = run.ApproveWaiver(ManualItem, Rob, "ok for one week", T0.AddHours(1));

        Assert.Equal(RunItemState.Waived, run.Item(ManualItem).State);
        Assert.Equal(WaiverStatus.Approved, waiver.Status);
        Assert.Equal("u-rob", waiver.DecidedById);
        Assert.Equal("ok for one week", waiver.DecisionComment);
        Assert.Equal("waived until 2026-03-09T09:00:00.0000000+00:00: ok for one week", e.Detail);
    }

    [Fact]
    public void ApproveWaiver_ByRequester_RefusedByFourEyes()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Rita, "j", T0.AddDays(7), T0);

        var ex = Refused(() => run.ApproveWaiver(ManualItem, Rita, null, T0));

        Assert.Equal("Four-eyes: a waiver is approved or rejected by someone other than its requester; Rita Release requested this one", ex.Message);
        Assert.Equal(RuleViolationKind.Forbidden, ex.Kind);
        Assert.Equal(RunItemState.Pending, run.Item(ManualItem).State);
    }

    [Fact]
    public void ApproveWaiver_AdminWhoRequested_RefusedByFourEyes()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Ada, "j", T0.AddDays(7), T0);

        Assert.Equal(RunRules.FourEyes, Refused(() => run.ApproveWaiver(ManualItem, Ada, null, T0)).Rule);
    }

    [Fact]
    public void ApproveWaiver_ByEngineer_RefusedByRole()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(7), T0);

        Assert.Equal($"Role: only the role release manager or admin may approve a waiver for item '{ManualItem}'; Eli Engineer has engineer",
            Refused(() => run.ApproveWaiver(ManualItem, Eli, null, T0)).Message);
    }

    [Fact]
    public void ApproveWaiver_ByAuditor_Refused()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(7), T0);

        Assert.Equal(RunRules.ReadOnly, Refused(() => run.ApproveWaiver(ManualItem, Aud, null, T0)).Rule);
    }

    [Fact]
    public void ApproveWaiver_NoRequest_Refused()
    {
        Assert.Equal($"State: cannot approve a waiver for item '{ManualItem}': it has no waiver request waiting",
            Refused(() => NewRun().ApproveWaiver(ManualItem, Rob, null, T0)).Message);
    }

    [Fact]
    public void ApproveWaiver_AfterExpiry_Refused()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(1), T0);

        var ex = Refused(() => run.ApproveWaiver(ManualItem, Rob, null, T0.AddDays(2)));

        Assert.Equal($"Waiver: the waiver for item '{ManualItem}' expired at 2026-03-03T09:00:00.0000000+00:00 before it was approved; request a new one", ex.Message);
    }

    [Fact]
    public void RejectWaiver_OtherReleaseManager_ClosedAndStateUnchanged()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);
        var waiver = run.RequestWaiver(ProbeItem, Erin, "j", T0.AddDays(7), T0);

        var e = run.RejectWaiver(ProbeItem, Rob, "fix it instead", T0);

        Assert.Equal(WaiverStatus.Rejected, waiver.Status);
        Assert.Equal(RunItemState.Failed, run.Item(ProbeItem).State);
        Assert.Null(run.Item(ProbeItem).OpenWaiver);
        Assert.Equal("waiver rejected: fix it instead", e.Detail);
    }

    [Fact]
    public void RejectWaiver_ByRequester_RefusedByFourEyes()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Rita, "j", T0.AddDays(7), T0);

        Assert.Equal(RunRules.FourEyes, Refused(() => run.RejectWaiver(ManualItem, Rita, null, T0)).Rule);
    }

    [Fact]
    public void ExpireWaivers_ApprovedWaiverPastExpiry_ReopensItem()
    {
        var run = NewRun();
        var waiver = run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(3), T0);
        run.ApproveWaiver(ManualItem, Rob, null, T0);

        var events = run.ExpireWaivers(T0.AddDays(3));

        var e = Assert.Single(events);
        Assert.Equal(RunItemState.Waived, e.FromState);
        Assert.Equal(RunItemState.Pending, e.ToState);
        Assert.Equal(Actor.SystemId, e.ActorId);
        Assert.Equal(RunItemState.Pending, run.Item(ManualItem).State);
        Assert.Equal(WaiverStatus.Expired, waiver.Status);
        Assert.Equal("waiver expired at 2026-03-05T09:00:00.0000000+00:00; item reopened", e.Detail);
    }

    [Fact]
    public void ExpireWaivers_BeforeExpiry_NothingChanges()
    {
        var run = NewRun();
        run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(3), T0);
        run.ApproveWaiver(ManualItem, Rob, null, T0);
        var version = run.RowVersion;

        Assert.Empty(run.ExpireWaivers(T0.AddDays(3).AddTicks(-1)));
        Assert.Equal(RunItemState.Waived, run.Item(ManualItem).State);
        Assert.Equal(version, run.RowVersion);
    }

    [Fact]
    public void ExpireWaivers_UnansweredRequest_ExpiresWithoutStateChange()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);
        var waiver = run.RequestWaiver(ProbeItem, Erin, "j", T0.AddDays(1), T0);

        var e = Assert.Single(run.ExpireWaivers(T0.AddDays(2)));

        Assert.Equal(WaiverStatus.Expired, waiver.Status);
        Assert.Equal(RunItemState.Failed, run.Item(ProbeItem).State);
        Assert.Equal("waiver request expired at 2026-03-03T09:00:00.0000000+00:00 unanswered", e.Detail);
    }

    [Fact]
    public void ExpireWaivers_RequiredItemUnderGoDecision_MarksDecisionStale()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0);
        run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(3), T0);
        run.ApproveWaiver(ManualItem, Rob, null, T0);
        run.SignOff(ManagerItem, Rob, null, T0);
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Note("n"), T0);
        run.SignOff(FourEyesItem, Eli, null, T0);
        var decision = run.RecordDecision(Rob, GateDecision.Go, null, T0);
        Assert.Equal([ManualItem], decision.WaivedItemIds);

        run.ExpireWaivers(T0.AddDays(4));

        Assert.True(decision.Stale);
        Assert.Equal($"the waiver of required item '{ManualItem}' expired", decision.StaleReason);
    }

    // ---- assign, reopen, history ----

    [Fact]
    public void Assign_ByReleaseManager_SetsAssignee()
    {
        var run = NewRun();

        var e = run.Assign(ManualItem, Rita, UserRef.Of(Erin), T0);

        Assert.Equal("u-erin", run.Item(ManualItem).AssigneeId);
        Assert.Equal("Erin Engineer", run.Item(ManualItem).AssigneeName);
        Assert.Equal("assigned to Erin Engineer", e.Detail);
    }

    [Fact]
    public void Assign_Null_Unassigns()
    {
        var run = NewRun();
        run.Assign(ManualItem, Rita, UserRef.Of(Erin), T0);

        run.Assign(ManualItem, Rita, null, T0);

        Assert.Null(run.Item(ManualItem).AssigneeId);
    }

    [Fact]
    public void Assign_ByEngineer_Refused()
    {
        Assert.Equal($"Role: only the role release manager or admin may assign item '{ManualItem}'; Erin Engineer has engineer",
            Refused(() => NewRun().Assign(ManualItem, Erin, UserRef.Of(Erin), T0)).Message);
    }

    [Fact]
    public void Reopen_SignedOff_BackToPending()
    {
        var run = NewRun();
        run.SignOff(ManagerItem, Rita, null, T0);

        var e = run.Reopen(ManagerItem, Rob, "plan changed", T0);

        Assert.Equal(RunItemState.Pending, run.Item(ManagerItem).State);
        Assert.Equal(RunItemState.SignedOff, e.FromState);
        Assert.Equal("plan changed", e.Detail);
    }

    [Fact]
    public void Reopen_Waived_RevokesTheWaiver()
    {
        var run = NewRun();
        var waiver = run.RequestWaiver(ManualItem, Erin, "j", T0.AddDays(3), T0);
        run.ApproveWaiver(ManualItem, Rob, null, T0);

        run.Reopen(ManualItem, Rob, "we can test it now", T0);

        Assert.Equal(WaiverStatus.Revoked, waiver.Status);
        Assert.Equal(RunItemState.Pending, run.Item(ManualItem).State);
    }

    [Fact]
    public void Reopen_NotApplicableByPerson_ProbeResultsApplyAgain()
    {
        var run = NewRun();
        run.MarkNotApplicable(ProbeItem, Erin, "r", T0);
        run.Reopen(ProbeItem, Erin, "it does apply", T0);

        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0);

        Assert.Equal(RunItemState.Failed, run.Item(ProbeItem).State);
    }

    [Fact]
    public void Reopen_Pending_Refused()
    {
        Assert.Equal($"State: cannot reopen item '{ManualItem}' while it is pending; it is already open",
            Refused(() => NewRun().Reopen(ManualItem, Erin, "r", T0)).Message);
    }

    [Fact]
    public void Reopen_WithoutReason_Refused()
    {
        var run = NewRun();
        run.SignOff(ManagerItem, Rita, null, T0);

        Assert.Equal($"Input: reopening item '{ManagerItem}' needs a reason", Refused(() => run.Reopen(ManagerItem, Rob, "", T0)).Message);
    }

    [Fact]
    public void History_ManyActions_KeptInOrderWithStates()
    {
        var run = NewRun();
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "ok", null, T0);
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Error, "timeout", null, T0.AddMinutes(1));
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Failed, "missing", null, T0.AddMinutes(2));
        run.RequestWaiver(ProbeItem, Erin, "j", T0.AddDays(1), T0.AddMinutes(3));
        run.ApproveWaiver(ProbeItem, Rob, null, T0.AddMinutes(4));

        var history = run.Item(ProbeItem).History;

        Assert.Equal(
            [ItemAction.ProbeResult, ItemAction.ProbeResult, ItemAction.ProbeResult, ItemAction.WaiverRequested, ItemAction.WaiverApproved],
            history.Select(e => e.Action));
        Assert.Equal(
            [RunItemState.Passed, RunItemState.Error, RunItemState.Failed, RunItemState.Failed, RunItemState.Waived],
            history.Select(e => e.ToState));
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(3), T0.AddMinutes(4)], history.Select(e => e.At));
    }

    [Theory]
    [InlineData(RunItemState.Pending, "pending")]
    [InlineData(RunItemState.SignedOff, "signed-off")]
    [InlineData(RunItemState.NotApplicable, "not-applicable")]
    [InlineData(RunItemState.Error, "error")]
    public void ToApiName_State_MatchesTheApiContract(RunItemState state, string expected)
    {
        Assert.Equal(expected, state.ToApiName());
    }
}
