using Checklist.Core.Probes;
using Checklist.Core.Runs;

namespace Checklist.Core.Tests.Runs;

/// <summary>Builds runs at a fixed time with a small cast of actors, so every test reads as its rule.</summary>
internal static class RunFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset GoLive = new(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);

    public static readonly Actor Rita = new("u-rita", "Rita Release", [Role.ReleaseManager]);
    public static readonly Actor Rob = new("u-rob", "Rob Release", [Role.ReleaseManager]);
    public static readonly Actor Erin = new("u-erin", "Erin Engineer", [Role.Engineer]);
    public static readonly Actor Eli = new("u-eli", "Eli Engineer", [Role.Engineer]);
    public static readonly Actor Ada = new("u-ada", "Ada Admin", [Role.Admin]);
    public static readonly Actor Aud = new("u-aud", "Aud Auditor", [Role.Auditor]);

    public const string ProbeItem = "probes-liveness";
    public const string OptionalProbe = "resources-limits";
    public const string ManualItem = "backup-restore-tested";
    public const string ManagerItem = "rollback-plan-approved";
    public const string FourEyesItem = "security-review";

    public static RunItemDefinition Probe(string id, bool required = true) => new(
        id, "Health", $"Title of {id}", "Guidance", ["doc#heading"], required, VerificationKind.Probe,
        "liveness-probe", "{\"minSeconds\":5}", [], SignoffRole.Engineer, false, ["deploy"], null);

    public static RunItemDefinition Manual(string id, SignoffRole role = SignoffRole.Engineer, bool fourEyes = false,
        params EvidenceKind[] evidence) => new(
        id, "Operations", $"Title of {id}", "Guidance", ["doc#other"], true, VerificationKind.Manual,
        null, null, evidence, role, fourEyes, ["backup"], null);

    public static IReadOnlyList<RunItemDefinition> Items() =>
    [
        Probe(ProbeItem),
        Probe(OptionalProbe, required: false),
        Manual(ManualItem, SignoffRole.Engineer, false, EvidenceKind.File),
        Manual(ManagerItem, SignoffRole.ReleaseManager),
        Manual(FourEyesItem, SignoffRole.Engineer, true, EvidenceKind.Note),
    ];

    public static Run NewRun(string environment = "production", IEnumerable<RunItemDefinition>? items = null, Actor? creator = null) =>
        Run.Create("web-service", "sha256:abc", items ?? Items(), "shop", "1.4.0", environment,
            RunTarget.Cluster(Guid.NewGuid(), "shop"), GoLive, new UserRef("u-rita", "Rita Release"),
            creator ?? Rita, DeployMethod.Helm("shop"), T0);

    /// <summary>Every required item satisfied: the gate opens.</summary>
    public static Run ReadyRun(string environment = "production", Actor? creator = null)
    {
        var run = NewRun(environment, creator: creator);
        run.RecordProbeResult(ProbeItem, ProbeVerdict.Passed, "all containers have liveness probes", "result-1", T0);
        run.AddEvidence(ManualItem, Erin, EvidenceDraft.File("restore.log", new string('a', 64), 120, "text/plain", "blob/1"), T0);
        run.SignOff(ManualItem, Eli, "restore worked", T0);
        run.SignOff(ManagerItem, Rob, null, T0);
        run.AddEvidence(FourEyesItem, Erin, EvidenceDraft.Note("pen test report reviewed"), T0);
        run.SignOff(FourEyesItem, Eli, null, T0);
        return run;
    }

    public static RuleViolationException Refused(Action action) => Assert.ThrowsAny<RuleViolationException>(action);
}
