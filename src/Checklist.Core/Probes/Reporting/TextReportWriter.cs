namespace Checklist.Core.Probes.Reporting;

/// <summary>Plain text for a terminal or a CI log: one line per item, then what failed, where, and how to fix it.</summary>
public sealed class TextReportWriter : ReportWriter
{
    public override string Format => "text";
    public override string ContentType => "text/plain";
    public override string FileExtension => ".txt";

    public override void Write(VerificationReport report, TextWriter output)
    {
        output.Write($"Checklist {report.Template} against {report.Source}\n\n");
        foreach (var item in report.Items)
        {
            var verdict = VerificationReport.VerdictName(item.Verdict).ToUpperInvariant();
            output.Write($"[{verdict}] {item.Id}: {item.Title} ({item.Probe}{(item.Required ? ", required" : ", optional")})\n");
            output.Write($"    {item.Result.Summary}\n");
            foreach (var finding in item.Reported)
            {
                var where = finding.Source is null ? "" : $" at {finding.Source}";
                var container = finding.Container is null ? "" : $" container {finding.Container}";
                output.Write($"    - {finding.Object}{container}{where}: {ExemptedMessage(finding)}\n");
                if (finding.Fix is not null && !finding.IsExempted) output.Write($"      fix: {finding.Fix}\n");
            }
        }
        output.Write($"\n{report.Count(ProbeVerdict.Passed)} passed, {report.Count(ProbeVerdict.Failed)} failed, "
            + $"{report.Count(ProbeVerdict.NotApplicable)} not applicable, {report.Count(ProbeVerdict.Error)} error(s); exit code {report.ExitCode}\n");
    }
}
