using System.Globalization;
using System.Text;
using Checklist.Core.Audit;

namespace Checklist.Web.Auditing;

public enum AuditExportFormat { Json, Csv, JsonLines }

/// <summary>
/// Writes audit events out as they are read: a JSON array, CSV (RFC 4180, a header line) or JSON Lines. Each event is
/// its canonical JSON (<see cref="AuditCanonicalJson"/>) followed by <c>previousHash</c> and <c>hash</c>, so an
/// auditor can drop those two members, serialize the rest compactly, and re-compute the hash without this app.
/// </summary>
public static class AuditExport
{
    /// <summary>The CSV columns: the canonical members in their order, then the two hashes.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["seq", "at", "actorId", "actorName", "actorType", "sourceAddress", "action", "entityType", "entityId", "runId", "before", "after", "correlationId", "previousHash", "hash"];

    private const int FlushEvery = 500;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool TryParseFormat(string? text, out AuditExportFormat format)
    {
        format = AuditExportFormat.Json;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "json": return true;
            case "csv": format = AuditExportFormat.Csv; return true;
            case "jsonl": format = AuditExportFormat.JsonLines; return true;
            default: return false;
        }
    }

    public static string ContentType(AuditExportFormat format) => format switch
    {
        AuditExportFormat.Csv => "text/csv; charset=utf-8",
        AuditExportFormat.JsonLines => "application/x-ndjson; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    public static string FileName(AuditExportFormat format, DateTimeOffset now) =>
        $"audit-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}." + format switch
        {
            AuditExportFormat.Csv => "csv",
            AuditExportFormat.JsonLines => "jsonl",
            _ => "json",
        };

    public static async Task WriteAsync(IAsyncEnumerable<AuditEvent> events, Stream output, AuditExportFormat format, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(1024);
        var count = 0;
        if (format == AuditExportFormat.Json) await writer.WriteAsync("[");
        if (format == AuditExportFormat.Csv) await writer.WriteAsync(string.Join(',', Columns) + "\r\n");
        await foreach (var e in events.WithCancellation(ct))
        {
            line.Clear();
            switch (format)
            {
                case AuditExportFormat.Json:
                    line.Append(count == 0 ? "\n" : ",\n");
                    AppendJson(line, e);
                    break;
                case AuditExportFormat.Csv:
                    AppendCsv(line, e);
                    line.Append("\r\n");
                    break;
                default:
                    AppendJson(line, e);
                    line.Append('\n');
                    break;
            }
            await writer.WriteAsync(line, ct);
            if (++count % FlushEvery == 0) await writer.FlushAsync(ct);
        }
        if (format == AuditExportFormat.Json) await writer.WriteAsync(count == 0 ? "]\n" : "\n]\n");
        await writer.FlushAsync(ct);
    }

    /// <summary>The event as one line of JSON: canonical members, then <c>previousHash</c> and <c>hash</c>.</summary>
    public static string ToJson(AuditEvent e)
    {
        var sb = new StringBuilder(512);
        AppendJson(sb, e);
        return sb.ToString();
    }

    private static void AppendJson(StringBuilder sb, AuditEvent e)
    {
        var canonical = AuditCanonicalJson.Write(e);
        // The canonical text is one object: re-open it to add the hashes (64 hex digits each, never escaped).
        sb.Append(canonical, 0, canonical.Length - 1)
            .Append(",\"previousHash\":\"").Append(e.PreviousHash)
            .Append("\",\"hash\":\"").Append(e.Hash).Append("\"}");
    }

    private static void AppendCsv(StringBuilder sb, AuditEvent e)
    {
        string?[] fields =
        [
            e.Seq.ToString(CultureInfo.InvariantCulture), AuditCanonicalJson.FormatTime(e.At), e.ActorId, e.ActorName,
            AuditCanonicalJson.ActorTypeName(e.ActorType), e.SourceAddress, e.Action, e.EntityType, e.EntityId, e.RunId?.ToString("D"),
            e.Before, e.After, e.CorrelationId, e.PreviousHash, e.Hash,
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append(',');
            AppendCsvField(sb, fields[i]);
        }
    }

    /// <summary>
    /// RFC 4180: a field holding a comma, quote, CR or LF is quoted, its quotes doubled. Values are written exactly
    /// as stored (no spreadsheet-formula mangling): the export is evidence and must re-compute to its hash.
    /// </summary>
    public static void AppendCsvField(StringBuilder sb, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
