using System.Text.Json;
using Checklist.Core.Audit;

namespace Checklist.Core.Tests.Audit;

public class AuditCanonicalJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static AuditEvent Event(string actorName, AuditActorType type = AuditActorType.User, Guid? runId = null) =>
        AuditChain.Append(null, new AuditDraft(T0.AddTicks(5), "id", actorName, type, null, "a", "E", "1", runId, null, null, "c"));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("quote \" and backslash \\", "quote \\\" and backslash \\\\")]
    [InlineData("line\nfeed\r\ttab\b\f", "line\\nfeed\\r\\ttab\\b\\f")]
    [InlineData("control \u0001\u001f", "control \\u0001\\u001f")]
    [InlineData("html <b>&'+` stays", "html <b>&'+` stays")]
    [InlineData("Zoë 日本 😀", "Zoë 日本 😀")]
    [InlineData("\u007f delete", "\u007f delete")]
    public void Write_String_EscapedMinimally(string value, string expected)
    {
        var json = AuditCanonicalJson.Write(Event(value));

        Assert.Contains($",\"actorName\":\"{expected}\",", json);
    }

    [Fact]
    public void Write_Event_IsValidJsonWithTheDocumentedMemberOrder()
    {
        var json = AuditCanonicalJson.Write(Event("n", AuditActorType.System, Guid.Parse("3F2504E0-4F89-11D3-9A0C-0305E82C3301")));

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(
            ["seq", "at", "actorId", "actorName", "actorType", "sourceAddress", "action", "entityType", "entityId", "runId", "before", "after", "correlationId"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("system", doc.RootElement.GetProperty("actorType").GetString());
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", doc.RootElement.GetProperty("runId").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("before").ValueKind);
        Assert.DoesNotContain(" ", json);
    }

    [Fact]
    public void Write_String_ParsesBackToTheSameText()
    {
        const string value = "line\nfeed \"q\" \u0001 Zoë 😀";

        using var doc = JsonDocument.Parse(AuditCanonicalJson.Write(Event(value)));

        Assert.Equal(value, doc.RootElement.GetProperty("actorName").GetString());
    }

    [Fact]
    public void Write_UnpairedSurrogates_EscapedSoTheUtf8IsLossless()
    {
        // Built in code: test-case serialisation would replace an unpaired surrogate before the test saw it.
        var value = "lone " + (char)0xD800 + " and " + (char)0xDC01 + " but pair " + "😀";

        var json = AuditCanonicalJson.Write(Event(value));

        Assert.Contains(",\"actorName\":\"lone \\ud800 and \\udc01 but pair 😀\",", json);
    }

    [Fact]
    public void FormatTime_AnyOffset_UtcWithSevenFractionalDigits()
    {
        var at = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234560);

        Assert.Equal("2026-03-02T09:00:00.1234560Z", AuditCanonicalJson.FormatTime(at));
        Assert.Equal("2026-03-02T09:00:00.0000000Z", AuditCanonicalJson.FormatTime(T0));
    }
}
