using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Probes;

namespace Checklist.Core.Tests.Probes;

public sealed class ProbeRunnerTests
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Bundle = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Probes", "pdb-present", "pass", "max-unavailable-one.yaml");

    private static ClusterSnapshot Cluster(IReadOnlyDictionary<string, string>? kindErrors = null, IReadOnlySet<string>? served = null) =>
        new(SnapshotOrigin.Cluster, "https://cluster.example:6443", "shop", ManifestReader.Read([Bundle], "shop").Objects, TakenAt, served, kindErrors);

    [Fact]
    public void Run_KindNeededCouldNotBeRead_GivesErrorNamingTheReason()
    {
        var snapshot = Cluster(new Dictionary<string, string> { ["PodDisruptionBudget"] = "403 Forbidden: cannot list poddisruptionbudgets.policy" });

        var outcome = Assert.Single(new ProbeRunner().Run(snapshot, [new ProbeRequest("pdb", "pdb-present")]));

        Assert.Equal(ProbeVerdict.Error, outcome.Result.Verdict);
        Assert.Contains("403 Forbidden", outcome.Result.Summary);
        Assert.Contains("PodDisruptionBudget", outcome.Result.Summary);
        Assert.Empty(outcome.Result.Findings);
    }

    [Fact]
    public void Run_KindErrorKeyedByResourceName_IsStillAnError()
    {
        var snapshot = Cluster(new Dictionary<string, string> { ["networkpolicies.networking.k8s.io"] = "timeout after 30s" });

        var result = new ProbeRunner().RunOne(snapshot, new ProbeRequest("np", "network-policy"));

        Assert.Equal(ProbeVerdict.Error, result.Verdict);
        Assert.Contains("timeout", result.Summary);
    }

    [Fact]
    public void Run_KindErrorOnAnUnrelatedKind_DoesNotStopTheProbe()
    {
        var snapshot = Cluster(new Dictionary<string, string> { ["CronJob"] = "403" });

        Assert.Equal(ProbeVerdict.Passed, new ProbeRunner().RunOne(snapshot, new ProbeRequest("pdb", "pdb-present")).Verdict);
        Assert.Equal(ProbeVerdict.Error, new ProbeRunner().RunOne(snapshot, new ProbeRequest("live", "liveness-probe")).Verdict);
    }

    [Fact]
    public void Run_CrdGroupNotServed_IsNotApplicableEvenWhenItsKindErrored()
    {
        var served = new HashSet<string> { "", "apps", "policy", "autoscaling", "networking.k8s.io" };
        var snapshot = Cluster(new Dictionary<string, string> { ["ServiceMonitor"] = "404: the server could not find the requested resource" }, served);

        var result = new ProbeRunner().RunOne(snapshot, new ProbeRequest("metrics", "monitoring-scrape"));

        Assert.Equal(ProbeVerdict.NotApplicable, result.Verdict);
        Assert.Contains("monitoring.coreos.com", result.Summary);
    }

    [Fact]
    public void Run_UnknownProbeAndBadArguments_GiveErrorsAndTheOtherItemsRun()
    {
        var outcomes = new ProbeRunner().Run(Cluster(), [
            new ProbeRequest("a", "no-such-probe"),
            new ProbeRequest("b", "replicas-min", new Dictionary<string, object?> { ["min"] = "many" }),
            new ProbeRequest("c", "replicas-min", new Dictionary<string, object?> { ["min"] = 3 }),
        ]);

        Assert.Equal(["a", "b", "c"], outcomes.Select(o => o.ItemId));
        Assert.Equal(ProbeVerdict.Error, outcomes[0].Result.Verdict);
        Assert.Contains("no-such-probe", outcomes[0].Result.Summary);
        Assert.Equal(ProbeVerdict.Error, outcomes[1].Result.Verdict);
        Assert.Contains("'min'", outcomes[1].Result.Summary);
        Assert.Equal(ProbeVerdict.Passed, outcomes[2].Result.Verdict);
    }

    [Fact]
    public void Run_ProbeThatThrows_BecomesAnErrorVerdict()
    {
        // An HPA whose spec is a string, not an object: shapes nobody expects must not crash the verification.
        var yaml = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: odd\nspec: \"oops\"\n";
        var snapshot = ManifestReader.ReadText(yaml, "odd.yaml", "shop").ToSnapshot(TakenAt);

        var outcomes = new ProbeRunner().Run(snapshot, [new ProbeRequest("replicas", "replicas-min"), new ProbeRequest("ns", "namespace-defined")]);

        Assert.Equal(ProbeVerdict.Error, outcomes[0].Result.Verdict);
        Assert.Contains("failed while judging", outcomes[0].Result.Summary);
        Assert.Equal("replicas", outcomes[0].ItemId);
        Assert.Equal(2, outcomes.Count);
    }

    [Fact]
    public void Evaluate_ExemptedFailure_PassesButExposesTheExemption()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Probes", "liveness-probe", "pass", "exempted-by-annotation.yaml");
        var snapshot = ManifestReader.Read([path], "shop").ToSnapshot(TakenAt);

        var result = new ProbeRunner().RunOne(snapshot, new ProbeRequest("live", "liveness-probe"));

        Assert.Equal(ProbeVerdict.Passed, result.Verdict);
        var exemption = Assert.Single(result.Exemptions);
        Assert.Equal(FindingStatus.Exempted, exemption.Status);
        Assert.Contains("SHOP-123", exemption.Exemption);
        Assert.Equal("Deployment/shop/api", exemption.Object.ToString());
        Assert.Contains("waiver", result.Summary);
    }

    [Fact]
    public void ProbeResult_PassedWithFailedFinding_IsRefused()
    {
        var failed = new Finding(new ObjectReference("Deployment", "shop", "api"), null, "broken", "fix it", ok: false);

        Assert.Throws<ArgumentException>(() => new ProbeResult("x", ProbeVerdict.Passed, "all good", [failed]));
    }

    [Fact]
    public void ProbeResult_JsonRoundTrip_KeepsVerdictFindingsAndExemptions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Probes", "security-context", "fail", "exempted-for-one-of-two.yaml");
        var result = new ProbeRunner().RunOne(ManifestReader.Read([path], "shop").ToSnapshot(TakenAt), new ProbeRequest("sec", "security-context"));

        var copy = System.Text.Json.JsonSerializer.Deserialize<ProbeResult>(System.Text.Json.JsonSerializer.Serialize(result))!;

        Assert.Equal(result.Verdict, copy.Verdict);
        Assert.Equal(result.Summary, copy.Summary);
        Assert.Equal(result.Findings.Select(f => (f.Object, f.Container, f.Message, f.Fix, f.Ok, f.Source, f.Exemption)),
            copy.Findings.Select(f => (f.Object, f.Container, f.Message, f.Fix, f.Ok, f.Source, f.Exemption)));
        Assert.True(copy.HasExemptions);
    }
}
