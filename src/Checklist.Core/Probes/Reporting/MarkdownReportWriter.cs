using System.Text;

namespace Checklist.Core.Probes.Reporting;

/// <summary>Markdown for pull-request comments and the runbook: a table of items, then the findings of those that did not pass.</summary>
public sealed class MarkdownReportWriter : ReportWriter
{
    public override string Format => "markdown";
    public override string ContentType => "text/markdown";
    public override string FileExtension => ".md";

    public override void Write(VerificationReport report, TextWriter output)
    {
        output.Write($"# Checklist {Escape(report.Template)}\n\nVerified against {Escape(report.Source)}: "
            + $"{report.Count(ProbeVerdict.Passed)} passed, {report.Count(ProbeVerdict.Failed)} failed, "
            + $"{report.Count(ProbeVerdict.NotApplicable)} not applicable, {report.Count(ProbeVerdict.Error)} error(s).\n\n");
        output.Write("| Item | Probe | Required | Verdict | Summary |\n|---|---|---|---|---|\n");
        foreach (var item in report.Items)
            output.Write($"| {Escape(item.Id)}: {Escape(item.Title)} | `{item.Probe}` | {(item.Required ? "yes" : "no")} | {VerificationReport.VerdictName(item.Verdict)} | {Escape(item.Result.Summary)} |\n");
        foreach (var item in report.Items.Where(i => i.Reported.Any()))
        {
            output.Write($"\n## {Escape(item.Id)}: {Escape(item.Title)}\n\n");
            foreach (var finding in item.Reported)
            {
                var container = finding.Container is null ? "" : $" container `{finding.Container.Replace("`", "")}`";
                var where = finding.Source is null ? "" : $" ({Escape(finding.Source.ToString())})";
                output.Write($"- `{finding.Object.ToString().Replace("`", "")}`{container}{where}: {Escape(ExemptedMessage(finding))}");
                if (finding.Fix is not null && !finding.IsExempted) output.Write($" Fix: {Escape(finding.Fix)}");
                output.Write('\n');
            }
        }
    }

    /// <summary>Escapes characters Markdown would interpret, so object names and messages show as written.</summary>
    internal static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r", "").Replace('\n', ' '))
        {
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '<' or '>' or '#' or '|' or '!') result.Append('\\');
            result.Append(c);
        }
        return result.ToString();
    }
}
