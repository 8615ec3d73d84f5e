using System.Text.Encodings.Web;
using System.Text.Json;

namespace Checklist.Core.Probes.Reporting;

/// <summary>
/// The JSON contract of <c>checklist verify --format json</c>: {template, source, items: [{id, title, probe, required,
/// verdict, findings: [{object, container?, message}]}]}. Findings are the failed and exempted ones; an exempted
/// finding's message says so and gives the reason.
/// </summary>
public sealed class JsonReportWriter : ReportWriter
{
    public override string Format => "json";
    public override string ContentType => "application/json";
    public override string FileExtension => ".json";

    public override void Write(VerificationReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("template", report.Template);
            json.WriteString("source", report.Source);
            json.WriteStartArray("items");
            foreach (var item in report.Items)
            {
                json.WriteStartObject();
                json.WriteString("id", item.Id);
                json.WriteString("title", item.Title);
                json.WriteString("probe", item.Probe);
                json.WriteBoolean("required", item.Required);
                json.WriteString("verdict", VerificationReport.VerdictName(item.Verdict));
                json.WriteStartArray("findings");
                foreach (var finding in item.Reported)
                {
                    json.WriteStartObject();
                    json.WriteString("object", finding.Object.ToString());
                    if (finding.Container is not null) json.WriteString("container", finding.Container);
                    json.WriteString("message", ExemptedMessage(finding));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }
}
