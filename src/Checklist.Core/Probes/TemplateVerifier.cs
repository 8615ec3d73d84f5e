using Checklist.Core.Checklists;
using Checklist.Core.Kubernetes;
using Checklist.Core.Probes.Reporting;

namespace Checklist.Core.Probes;

/// <summary>
/// Runs every probe item of a template against one snapshot: the command line's verification. Items whose
/// <c>appliesWhen</c> does not hold are reported not applicable rather than judged.
/// </summary>
public static class TemplateVerifier
{
    public static VerificationReport Verify(ChecklistTemplate template, ClusterSnapshot snapshot, CancellationToken ct = default)
    {
        var runner = new ProbeRunner();
        var items = new List<ReportItem>();
        foreach (var item in template.Items)
        {
            ct.ThrowIfCancellationRequested();
            if (item.Probe is not { } probe) continue;
            var result = AppliesWhenEvaluator.Holds(item.AppliesWhen, snapshot)
                ? runner.RunOne(snapshot, new ProbeRequest(item.Id, probe.ProbeId, probe.Parameters.ToDictionary(p => p.Key, p => (object?)p.Value)))
                : ProbeResult.NotApplicable(probe.ProbeId, AppliesWhenEvaluator.Describe(item.AppliesWhen));
            items.Add(new ReportItem(item.Id, item.Title, item.Required, result));
        }
        return new VerificationReport(template.Id, snapshot.Source, items);
    }
}
