using System.Security.Cryptography;
using System.Text;

namespace Checklist.Web.Webhooks;

/// <summary>
/// The signature a receiver checks: <c>X-Checklist-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 with the endpoint's
/// secret over <c>"&lt;timestamp&gt;.&lt;body&gt;"</c>, where the timestamp (Unix seconds) is sent as
/// <c>X-Checklist-Timestamp</c>. Signing the timestamp lets a receiver refuse replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Checklist-Signature";
    public const string TimestampHeader = "X-Checklist-Timestamp";
    public const string EventHeader = "X-Checklist-Event";
    public const string DeliveryHeader = "X-Checklist-Delivery";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a received signature in constant time, as a receiver would.</summary>
    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader)
    {
        if (!long.TryParse(timestampHeader, out var timestamp)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader ?? "");
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
