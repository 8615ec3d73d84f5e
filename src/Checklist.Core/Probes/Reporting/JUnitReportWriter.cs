using System.Xml;

namespace Checklist.Core.Probes.Reporting;

/// <summary>
/// JUnit XML, which CI servers display as tests: one test case per item; failed items carry a failure, error items
/// an error, not-applicable items are skipped. Optional items that fail are reported as failures too, named as optional.
/// </summary>
public sealed class JUnitReportWriter : ReportWriter
{
    public override string Format => "junit";
    public override string ContentType => "application/xml";
    public override string FileExtension => ".xml";

    public override void Write(VerificationReport report, TextWriter output)
    {
        // The declaration is written by hand: an XmlWriter over a TextWriter would claim the writer's encoding
        // (UTF-16 for a StringWriter), while the report is always saved as UTF-8.
        output.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartElement("testsuites");
        WriteCounts(xml, report);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", report.Template);
        WriteCounts(xml, report);
        xml.WriteStartElement("properties");
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", "source");
        xml.WriteAttributeString("value", report.Source);
        xml.WriteEndElement();
        xml.WriteEndElement();
        foreach (var item in report.Items)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", $"{report.Template}.{item.Probe}");
            xml.WriteAttributeString("name", $"{item.Id}: {item.Title}{(item.Required ? "" : " (optional)")}");
            var details = string.Join("\n", item.Reported.Select(f =>
                $"{f.Object}{(f.Container is null ? "" : $" [{f.Container}]")}{(f.Source is null ? "" : $" at {f.Source}")}: {ExemptedMessage(f)}{(f.Fix is null || f.IsExempted ? "" : $" (fix: {f.Fix})")}"));
            switch (item.Verdict)
            {
                case ProbeVerdict.Failed:
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", item.Result.Summary);
                    xml.WriteAttributeString("type", item.Probe);
                    xml.WriteString(details);
                    xml.WriteEndElement();
                    break;
                case ProbeVerdict.Error:
                    xml.WriteStartElement("error");
                    xml.WriteAttributeString("message", item.Result.Summary);
                    xml.WriteAttributeString("type", item.Probe);
                    xml.WriteEndElement();
                    break;
                case ProbeVerdict.NotApplicable:
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", item.Result.Summary);
                    xml.WriteEndElement();
                    break;
                default:
                    if (details.Length > 0) xml.WriteElementString("system-out", details);
                    break;
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.Flush();
        output.Write('\n');
    }

    private static void WriteCounts(XmlWriter xml, VerificationReport report)
    {
        xml.WriteAttributeString("tests", report.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", report.Count(ProbeVerdict.Failed).ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", report.Count(ProbeVerdict.Error).ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", report.Count(ProbeVerdict.NotApplicable).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
