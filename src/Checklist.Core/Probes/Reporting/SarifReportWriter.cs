using System.Text.Encodings.Web;
using System.Text.Json;

namespace Checklist.Core.Probes.Reporting;

/// <summary>
/// SARIF 2.1.0 for code-scanning views: one rule per probe, one result per failed or exempted finding (exempted
/// ones carry an external suppression with the reason), located at the manifest file and line when the object was
/// read from manifests and by object reference otherwise. Items that could not be judged are tool notifications.
/// </summary>
public sealed class SarifReportWriter : ReportWriter
{
    public override string Format => "sarif";
    public override string ContentType => "application/sarif+json";
    public override string FileExtension => ".sarif";

    public override void Write(VerificationReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, report);
            WriteInvocation(json, report);
            json.WriteStartArray("results");
            foreach (var item in report.Items)
                foreach (var finding in item.Reported)
                    WriteResult(json, item, finding);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }

    private static void WriteTool(Utf8JsonWriter json, VerificationReport report)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "checklist");
        json.WriteStartArray("rules");
        foreach (var probe in report.Items.Select(i => i.Probe).Distinct(StringComparer.Ordinal))
        {
            var definition = ProbeDefinitions.Find(probe);
            json.WriteStartObject();
            json.WriteString("id", probe);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", definition?.Title ?? probe);
            json.WriteEndObject();
            if (definition is not null)
            {
                json.WriteStartObject("fullDescription");
                json.WriteString("text", definition.PassesWhen);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, VerificationReport report)
    {
        var errors = report.Items.Where(i => i.Verdict == ProbeVerdict.Error).ToList();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", errors.Count == 0);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var item in errors)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"{item.Id}: {item.Result.Summary}");
            json.WriteEndObject();
            json.WriteStartObject("associatedRule");
            json.WriteString("id", item.Probe);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, ReportItem item, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", item.Probe);
        json.WriteString("level", item.Required ? "error" : "warning");
        json.WriteStartObject("message");
        var container = finding.Container is null ? "" : $" (container {finding.Container})";
        json.WriteString("text", $"{item.Title}: {finding.Object}{container}: {finding.Message}{(finding.Fix is null ? "" : $" Fix: {finding.Fix}")}");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (finding.Source is { } source)
        {
            // A helm template's own line is unknown, so its location names the file only; the rendered line follows below.
            WritePhysical(json, source.File, source.RenderedIn is null ? source.Line : null);
        }
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", finding.Object.ToString());
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        if (finding.Source is { RenderedIn: { } rendered } helmSource)
        {
            json.WriteStartArray("relatedLocations");
            json.WriteStartObject();
            json.WriteNumber("id", 1);
            WritePhysical(json, rendered, helmSource.Line);
            json.WriteStartObject("message");
            json.WriteString("text", "where helm rendered the object");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (finding.IsExempted)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "underReview");
            json.WriteString("justification", finding.Exemption);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WritePhysical(Utf8JsonWriter json, string file, int? line)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ToUri(file));
        json.WriteEndObject();
        if (line is { } l)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, l));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>A relative URI reference with forward slashes, each segment escaped (SARIF wants URIs, not paths).</summary>
    internal static string ToUri(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized[2..];
        var rooted = normalized.StartsWith('/');
        var escaped = string.Join("/", normalized.Split('/').Select(Uri.EscapeDataString));
        return rooted ? "file://" + escaped : escaped;
    }
}
