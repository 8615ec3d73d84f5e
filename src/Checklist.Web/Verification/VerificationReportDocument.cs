using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checklist.Web.Verification;

/// <summary>
/// The full result of one verification as stored (and hashed) with it: every probe item's verdict and every finding,
/// passed ones included, with the fix for each failure. The API's verification endpoints return it as is.
/// </summary>
public sealed record VerificationReportDocument(
    Guid VerificationId,
    Guid RunId,
    string Template,
    string Source,
    string Target,
    string? Server,
    string? ServerVersion,
    DateTimeOffset? TakenAt,
    string? Error,
    IReadOnlyDictionary<string, string> KindErrors,
    IReadOnlyList<ReportedItem> Items)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static VerificationReportDocument? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<VerificationReportDocument>(json, Json);

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text: what the items' probe evidence cites.</summary>
    public static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}

/// <summary>One probe item: verdict (passed, failed, not-applicable, error), what the probe said, and its findings.</summary>
/// <param name="Exemption">Set when every failure carried an exemption annotation: the reason, which became a waiver request.</param>
public sealed record ReportedItem(
    string Id,
    string Title,
    string? Probe,
    bool Required,
    string Verdict,
    string Summary,
    string? Exemption,
    IReadOnlyList<ReportedFinding> Findings);

/// <summary>What the probe saw on one object (Kind/namespace/name) and container; status is passed, failed or exempted.</summary>
public sealed record ReportedFinding(
    string Object,
    string Kind,
    string? Namespace,
    string Name,
    string? Container,
    string Status,
    string Message,
    string? Fix,
    string? File,
    int? Line,
    string? Exemption);
