namespace Checklist.Core.Probes;

/// <summary>A probe's verdict for one item, with one finding per object (and container) it judged.</summary>
public sealed class ProbeResult
{
    public ProbeResult(string probeId, ProbeVerdict verdict, string summary, IReadOnlyList<Finding>? findings = null)
    {
        if (string.IsNullOrWhiteSpace(summary)) throw new ArgumentException("A result needs a summary.", nameof(summary));
        ProbeId = probeId;
        Verdict = verdict;
        Summary = summary;
        Findings = findings?.ToList() ?? [];
        var failed = Findings.Any(f => f.Status == FindingStatus.Failed);
        if (verdict == ProbeVerdict.Passed && failed)
            throw new ArgumentException("A passed result cannot carry failed findings.", nameof(verdict));
        if (verdict == ProbeVerdict.Failed && !failed)
            throw new ArgumentException("A failed result needs at least one failed finding.", nameof(verdict));
    }

    public string ProbeId { get; }
    public ProbeVerdict Verdict { get; }
    public string Summary { get; }
    public IReadOnlyList<Finding> Findings { get; }
    public IEnumerable<Finding> Failures => Findings.Where(f => f.Status == FindingStatus.Failed);
    /// <summary>Failures waived by an annotation on the object: the run shows them as waivers that need approval.</summary>
    public IReadOnlyList<Finding> Exemptions => Findings.Where(f => f.IsExempted).ToList();
    public bool HasExemptions => Findings.Any(f => f.IsExempted);

    public static ProbeResult Error(string probeId, string message) => new(probeId, ProbeVerdict.Error, message);
    public static ProbeResult NotApplicable(string probeId, string reason) => new(probeId, ProbeVerdict.NotApplicable, reason);
}
