using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes;

/// <summary>One evaluation: the snapshot, its index, the arguments, and the findings collected so far.</summary>
public sealed class ProbeContext
{
    private readonly List<Finding> _findings = [];
    private readonly Probe _probe;

    internal ProbeContext(Probe probe, ClusterSnapshot snapshot, SnapshotIndex index, ProbeArguments arguments)
    {
        _probe = probe;
        Snapshot = snapshot;
        Index = index;
        Arguments = arguments;
    }

    public ClusterSnapshot Snapshot { get; }
    public SnapshotIndex Index { get; }
    public ProbeArguments Arguments { get; }
    public IReadOnlyList<Finding> Findings => _findings;

    public void Pass(KubeObject obj, string message, string? container = null) =>
        _findings.Add(new Finding(ObjectReference.Of(obj), container, message, null, true, obj.Source));

    /// <summary>Records a failure, exempted when the object carries the probe's exemption annotation.</summary>
    public void Fail(KubeObject obj, string message, string fix, string? container = null) =>
        _findings.Add(new Finding(ObjectReference.Of(obj), container, message, fix, false, obj.Source, ExemptionOf(obj)));

    /// <summary>A finding about a namespace: its Namespace object (when the snapshot has it) gives source and exemption.</summary>
    public void PassNamespace(string ns, string message) =>
        _findings.Add(new Finding(ObjectReference.OfNamespace(ns), null, message, null, true, Index.NamespaceObject(ns)?.Source));

    public void FailNamespace(string ns, string message, string fix)
    {
        var obj = Index.NamespaceObject(ns);
        _findings.Add(new Finding(ObjectReference.OfNamespace(ns), null, message, fix, false, obj?.Source, obj is null ? null : ExemptionOf(obj)));
    }

    public void Check(bool ok, KubeObject obj, string passMessage, string failMessage, string fix, string? container = null)
    {
        if (ok) Pass(obj, passMessage, container);
        else Fail(obj, failMessage, fix, container);
    }

    /// <summary>
    /// The verdict from the findings: Failed when a failure is not exempted; Passed otherwise (saying so when
    /// exemptions need a waiver); NotApplicable with <paramref name="nothingToJudge"/> when there were no findings.
    /// </summary>
    public ProbeResult Result(string nothingToJudge)
    {
        if (_findings.Count == 0) return ProbeResult.NotApplicable(_probe.Id, nothingToJudge);
        var failed = _findings.Count(f => f.Status == FindingStatus.Failed);
        var exempted = _findings.Count(f => f.Status == FindingStatus.Exempted);
        var objects = _findings.Select(f => f.Object).Distinct().Count();
        var exemptionNote = exempted == 0 ? "" : $" {exempted} exempted finding(s) need an approved waiver.";
        if (failed > 0)
        {
            var first = _findings.First(f => f.Status == FindingStatus.Failed);
            var summary = $"{failed} of {_findings.Count} finding(s) failed on {objects} object(s); first: {first.Object}{(first.Container is null ? "" : $" [{first.Container}]")}: {first.Message}.{exemptionNote}";
            return new ProbeResult(_probe.Id, ProbeVerdict.Failed, summary, _findings);
        }
        return new ProbeResult(_probe.Id, ProbeVerdict.Passed, $"All {_findings.Count} finding(s) on {objects} object(s) passed.{exemptionNote}", _findings);
    }

    public ProbeResult NotApplicable(string reason) => ProbeResult.NotApplicable(_probe.Id, reason);
    public ProbeResult Error(string message) => ProbeResult.Error(_probe.Id, message);

    private string? ExemptionOf(KubeObject obj) =>
        obj.Annotations.TryGetValue(Probe.ExemptionAnnotationPrefix + _probe.Id, out var reason)
            ? (string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim())
            : null;
}
