namespace Checklist.Core.Probes.Reporting;

/// <summary>Writes a <see cref="VerificationReport"/> in one output format (text, json, junit, sarif, markdown).</summary>
public abstract class ReportWriter
{
    public static readonly IReadOnlyList<ReportWriter> All =
        [new TextReportWriter(), new JsonReportWriter(), new JUnitReportWriter(), new SarifReportWriter(), new MarkdownReportWriter()];

    public static IReadOnlyList<string> Formats => All.Select(w => w.Format).ToList();

    /// <summary>The writer for a format name (case-insensitive); throws <see cref="ArgumentException"/> naming the known formats.</summary>
    public static ReportWriter For(string format) =>
        All.FirstOrDefault(w => w.Format.Equals(format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown format '{format}'; use one of {string.Join(", ", Formats)}.", nameof(format));

    public abstract string Format { get; }

    /// <summary>The media type, for the web app's downloads.</summary>
    public abstract string ContentType { get; }

    public abstract string FileExtension { get; }

    public abstract void Write(VerificationReport report, TextWriter output);

    public string WriteToString(VerificationReport report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        Write(report, writer);
        return writer.ToString();
    }

    protected static string ExemptedMessage(Finding finding) =>
        finding.IsExempted ? $"exempted ({finding.Exemption}): {finding.Message}" : finding.Message;
}
