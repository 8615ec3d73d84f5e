using BenchmarkDotNet.Attributes;
using Checklist.Core.Probes;
using Checklist.Core.Runs;

namespace Checklist.Benchmarks;

/// <summary>The gate of a large run: 150 items (probe and manual, some waived) carrying 2,000 history events.</summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private Run _run = null!;

    [GlobalSetup]
    public void Setup()
    {
        var manager = new Actor("u-rm", "Release Manager", [Role.ReleaseManager]);
        var approver = new Actor("u-rm2", "Second Manager", [Role.ReleaseManager]);
        var engineer = new Actor("u-eng", "Engineer", [Role.Engineer]);
        // A second engineer signs, so items that ask for four eyes accept the sign-off.
        var signer = new Actor("u-eng2", "Engineer Two", [Role.Engineer]);
        var items = Enumerable.Range(0, 150).Select(i => i % 3 == 0
            ? new RunItemDefinition($"manual-{i}", "Operations", $"Manual {i}", "", ["doc#h"], true, VerificationKind.Manual,
                null, null, [EvidenceKind.Note], SignoffRole.Engineer, i % 2 == 0, [], null)
            : new RunItemDefinition($"probe-{i}", "Health", $"Probe {i}", "", ["doc#h"], i % 10 != 1, VerificationKind.Probe,
                "liveness-probe", "{}", [], SignoffRole.Engineer, false, [], null)).ToList();
        _run = Run.Create("bench", "hash", items, "svc", "1.0", "production", RunTarget.Manifests(), T0.AddDays(7),
            UserRef.Of(manager), manager, DeployMethod.KubectlApply(), T0);

        var events = 0;
        var at = T0;
        var probes = _run.Items.Where(i => i.Verification == VerificationKind.Probe).Select(i => i.ItemId).ToList();
        var manuals = _run.Items.Where(i => i.Verification == VerificationKind.Manual).Select(i => i.ItemId).ToList();
        foreach (var id in manuals)
        {
            _run.AddEvidence(id, engineer, EvidenceDraft.Note("done"), at);
            events++;
        }
        // Verification rounds until the history holds 2,000 events; the last round leaves a realistic mix.
        for (var round = 0; events < 2_000 - 60; round++)
        {
            at = at.AddMinutes(10);
            foreach (var id in probes)
            {
                if (events >= 2_000 - 60) break;
                var verdict = (round + id.Length) % 7 == 0 ? ProbeVerdict.Error : round % 2 == 0 ? ProbeVerdict.Failed : ProbeVerdict.Passed;
                _run.RecordProbeResult(id, verdict, $"round {round}", $"result-{round}-{id}", at);
                events++;
            }
        }
        foreach (var id in manuals.Take(20))
        {
            _run.SignOff(id, signer, null, at);
            events++;
        }
        foreach (var id in manuals.Skip(20).Take(20))
        {
            _run.RequestWaiver(id, engineer, "after go-live", at.AddDays(3), at);
            _run.ApproveWaiver(id, approver, null, at);
            events += 2;
        }
        var total = _run.Items.Sum(i => i.History.Count);
        if (total != 2_000)
            throw new InvalidOperationException($"The benchmark run should carry 2,000 history events, not {total}.");
    }

    [Benchmark]
    public GateEvaluation EvaluateGate() => _run.EvaluateGate(T0.AddDays(1));
}
