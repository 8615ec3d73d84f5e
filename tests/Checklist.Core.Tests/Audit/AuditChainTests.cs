using System.Security.Cryptography;
using System.Text;
using Checklist.Core.Audit;

namespace Checklist.Core.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid RunId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    internal static AuditDraft Draft(int i, string? after = null) => new(
        T0.AddSeconds(i), $"u-{i % 3}", $"User {i % 3}", AuditActorType.User, "10.0.0.1",
        "item.signoff", "RunItem", $"item-{i}", RunId, null, after ?? $"{{\"state\":\"signed-off\",\"n\":{i}}}", $"corr-{i}");

    internal static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>(count);
        AuditEvent? previous = null;
        for (var i = 0; i < count; i++)
        {
            previous = AuditChain.Append(previous, Draft(i));
            events.Add(previous);
        }
        return events;
    }

    private static AuditEvent Copy(AuditEvent e, long? seq = null, string? actorName = null, string? after = null,
        string? previousHash = null, string? hash = null, DateTimeOffset? at = null) =>
        AuditEvent.Restore(seq ?? e.Seq, at ?? e.At, e.ActorId, actorName ?? e.ActorName, e.ActorType, e.SourceAddress, e.Action,
            e.EntityType, e.EntityId, e.RunId, e.Before, after ?? e.After, e.CorrelationId, previousHash ?? e.PreviousHash, hash ?? e.Hash);

    [Fact]
    public void Append_First_StartsAtOneAfterGenesis()
    {
        var e = AuditChain.Append(null, Draft(0));

        Assert.Equal(1, e.Seq);
        Assert.Equal(new string('0', 64), e.PreviousHash);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e.PreviousHash + AuditCanonicalJson.Write(e))));
        Assert.Equal(expected, e.Hash);
    }

    [Fact]
    public void Append_LongTextWithSurrogatePairs_HashesTheWholeUtf8Text()
    {
        var after = "{\"text\":\"" + string.Concat(Enumerable.Repeat("a😀", 9_000)) + "\"}";

        var e = AuditChain.Append(null, Draft(0, after));

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e.PreviousHash + AuditCanonicalJson.Write(e))));
        Assert.Equal(expected, e.Hash);
        Assert.True(AuditChain.Verify([e]).Ok);
    }

    [Fact]
    public void Append_Next_LinksToThePreviousHash()
    {
        var first = AuditChain.Append(null, Draft(0));

        var second = AuditChain.Append(first, Draft(1));

        Assert.Equal(2, second.Seq);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Matches("^[0-9a-f]{64}$", second.Hash);
    }

    [Fact]
    public void Append_CopiesEveryField()
    {
        var e = AuditChain.Append(null, new AuditDraft(T0, "tok-1", "CI token", AuditActorType.Token, "192.0.2.7",
            "run.create", "Run", "r-1", RunId, "{\"a\":1}", "{\"a\":2}", "c-9"));

        Assert.Equal(("tok-1", "CI token", AuditActorType.Token, "192.0.2.7", "run.create", "Run", "r-1", (Guid?)RunId, "{\"a\":1}", "{\"a\":2}", "c-9"),
            (e.ActorId, e.ActorName, e.ActorType, e.SourceAddress, e.Action, e.EntityType, e.EntityId, e.RunId, e.Before, e.After, e.CorrelationId));
    }

    [Fact]
    public void Append_TimeWithOffsetAndNanoseconds_UtcTruncatedToMicroseconds()
    {
        var at = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        var e = AuditChain.Append(null, Draft(0) with { At = at });

        Assert.Equal(TimeSpan.Zero, e.At.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), e.At);
    }

    [Fact]
    public void ComputeHash_KnownVector_MatchesAnOfflineRecomputation()
    {
        // Re-computed outside .NET with Python: hashlib.sha256((prev + json.dumps(fields, ensure_ascii=False,
        // separators=(",", ":"))).encode()).hexdigest(), fields in the documented order.
        var e = AuditChain.Append(null, new AuditDraft(T0, "u-1", "Zoë \"Z\" O'Neil", AuditActorType.User, null,
            "item.signoff", "RunItem", "backup-restore-tested", RunId, null, "{\"state\":\"signed-off\"}", "c-1"));

        Assert.Equal(
            "{\"seq\":1,\"at\":\"2026-03-02T09:00:00.0000000Z\",\"actorId\":\"u-1\",\"actorName\":\"Zoë \\\"Z\\\" O'Neil\"," +
            "\"actorType\":\"user\",\"sourceAddress\":null,\"action\":\"item.signoff\",\"entityType\":\"RunItem\"," +
            "\"entityId\":\"backup-restore-tested\",\"runId\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"before\":null," +
            "\"after\":\"{\\\"state\\\":\\\"signed-off\\\"}\",\"correlationId\":\"c-1\"}",
            AuditCanonicalJson.Write(e));
        Assert.Equal("1b8fdc53a56b9e1ca4e1e7cd52f2a2b5f0c6f8c757b639fdbf317a5b3f8474bd", e.Hash);
    }

    [Fact]
    public void Verify_IntactChain_Ok()
    {
        var result = AuditChain.Verify(Chain(50));

        Assert.Equal(new AuditVerification(true, 50, null, null), result);
    }

    [Fact]
    public void Verify_Empty_OkWithNoEvents()
    {
        Assert.Equal(new AuditVerification(true, 0, null, null), AuditChain.Verify([]));
    }

    [Fact]
    public void Verify_ChangedField_NamesTheChangedEvent()
    {
        var events = Chain(20);
        events[6] = Copy(events[6], actorName: "Someone Else");

        var result = AuditChain.Verify(events);

        Assert.False(result.Ok);
        Assert.Equal(7, result.FirstBadSeq);
        Assert.Equal(20, result.Events);
        Assert.Equal("event 7 was changed after it was written: its fields no longer give its hash", result.Problem);
    }

    [Fact]
    public void Verify_ChangedTimeByOneMicrosecond_Detected()
    {
        var events = Chain(5);
        events[2] = Copy(events[2], at: events[2].At.AddTicks(10));

        Assert.Equal(3, AuditChain.Verify(events).FirstBadSeq);
    }

    [Fact]
    public void Verify_ChangedAfterJson_Detected()
    {
        var events = Chain(5);
        events[4] = Copy(events[4], after: "{\"state\":\"waived\"}");

        Assert.Equal(5, AuditChain.Verify(events).FirstBadSeq);
    }

    [Fact]
    public void Verify_ChangedAndRehashed_BreaksTheNextLink()
    {
        var events = Chain(10);
        var forged = Copy(events[3], actorName: "Forger");
        events[3] = Copy(forged, hash: AuditChain.ComputeHash(forged));

        var result = AuditChain.Verify(events);

        Assert.Equal(5, result.FirstBadSeq);
        Assert.StartsWith("event 5 does not link to the event before it", result.Problem);
    }

    [Fact]
    public void Verify_DeletedRow_NamesTheMissingSequenceNumber()
    {
        var events = Chain(10);
        events.RemoveAt(4);

        var result = AuditChain.Verify(events);

        Assert.Equal(5, result.FirstBadSeq);
        Assert.Equal("event 5 is missing: the next event is 6", result.Problem);
        Assert.Equal(9, result.Events);
    }

    [Fact]
    public void Verify_DeletedAndRenumbered_BreaksTheLink()
    {
        var events = Chain(10);
        events.RemoveAt(4);
        for (var i = 4; i < events.Count; i++) events[i] = Copy(events[i], seq: i + 1);

        Assert.Equal(5, AuditChain.Verify(events).FirstBadSeq);
    }

    [Fact]
    public void Verify_ReorderedRows_Detected()
    {
        var events = Chain(10);
        (events[3], events[4]) = (events[4], events[3]);

        var result = AuditChain.Verify(events);

        Assert.Equal(4, result.FirstBadSeq);
        Assert.Equal("event 4 is missing: the next event is 5", result.Problem);
    }

    [Fact]
    public void Verify_ContentsSwappedBetweenSequenceNumbers_Detected()
    {
        var events = Chain(10);
        var a = events[3];
        var b = events[4];
        events[3] = Copy(b, seq: 4, previousHash: a.PreviousHash);
        events[4] = Copy(a, seq: 5, previousHash: events[3].Hash);

        Assert.Equal(4, AuditChain.Verify(events).FirstBadSeq);
    }

    [Fact]
    public void Verify_RepeatedRow_Detected()
    {
        var events = Chain(5);
        events.Insert(3, events[2]);

        var result = AuditChain.Verify(events);

        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal("event 3 appears where event 4 was expected (repeated or out of order)", result.Problem);
    }

    [Fact]
    public void Verify_FirstEventNotLinkedToGenesis_Detected()
    {
        var events = Chain(3);
        events[0] = Copy(events[0], previousHash: new string('1', 64));

        Assert.Equal(1, AuditChain.Verify(events).FirstBadSeq);
    }

    [Fact]
    public void Verify_WindowAfterTrustedHead_Ok()
    {
        var events = Chain(30);

        var result = AuditChain.Verify(events.Skip(10), new AuditChainHead(10, events[9].Hash));

        Assert.True(result.Ok);
        Assert.Equal(20, result.Events);
    }

    [Fact]
    public void Verify_TruncatedTailWithKnownHead_Detected()
    {
        var events = Chain(30);
        var head = new AuditChainHead(30, events[^1].Hash);

        var result = AuditChain.Verify(events.Take(27), expectedEnd: head);

        Assert.Equal(28, result.FirstBadSeq);
        Assert.Equal("the chain ends at event 27 but was known to reach event 30", result.Problem);
        Assert.True(AuditChain.Verify(events, expectedEnd: head).Ok);
    }

    [Fact]
    public void Append_BeforeNotJson_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => AuditChain.Append(null, Draft(0) with { Before = "{not json" }));

        Assert.StartsWith("The audit event's 'before' is not valid JSON", ex.Message);
    }

    [Fact]
    public void Append_BlankAction_Refused()
    {
        Assert.Equal("An audit event needs an action.",
            Assert.Throws<ArgumentException>(() => AuditChain.Append(null, Draft(0) with { Action = " " })).Message);
    }
}
