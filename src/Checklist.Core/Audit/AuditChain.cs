using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Checklist.Core.Audit;

/// <summary>Where a chain stands: the last sequence number and its hash. Used to verify a window or to detect a cut-off tail.</summary>
public sealed record AuditChainHead(long Seq, string Hash);

/// <summary>The outcome of walking a chain, as <c>GET /api/v1/audit/verify</c> returns it.</summary>
public sealed record AuditVerification(bool Ok, long Events, long? FirstBadSeq, string? Problem);

/// <summary>
/// The tamper-evident audit chain. Event n's <c>Hash</c> is the lowercase hex SHA-256 of the UTF-8 bytes of
/// <c>PreviousHash + AuditCanonicalJson.Write(event)</c>, where <c>PreviousHash</c> is event n-1's hash (64 lowercase
/// hex digits) and, for the first event (seq 1), <see cref="GenesisHash"/> (64 zeros). Sequence numbers start at 1
/// and have no gaps, so a deleted row shows as a gap, a reordered or edited row as a hash that no longer matches.
/// </summary>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// Chains a new event after <paramref name="previous"/> (null for the very first). The web app calls it inside
    /// the transaction of the change it records, reading the last event with a lock or relying on a unique index on
    /// <c>Seq</c> to refuse a concurrent append.
    /// </summary>
    public static AuditEvent Append(AuditEvent? previous, AuditDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Require(draft.ActorId, "an actor id");
        Require(draft.Action, "an action");
        Require(draft.EntityType, "an entity type");
        Require(draft.EntityId, "an entity id");
        Require(draft.CorrelationId, "a correlation id");
        RequireJson(draft.Before, "before");
        RequireJson(draft.After, "after");
        // PostgreSQL keeps microseconds; truncating here keeps the hashed time identical after a round trip.
        var utc = draft.At.ToUniversalTime();
        var at = new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
        return new AuditEvent((previous?.Seq ?? 0) + 1, draft, at, previous?.Hash ?? GenesisHash);
    }

    public static string ComputeHash(AuditEvent e)
    {
        var sb = new StringBuilder(320);
        return ComputeHash(e, sb);
    }

    /// <summary>
    /// Walks the events in the order given (the caller reads them ordered by Seq, streaming) and names the first
    /// bad one: a gap or repeat in sequence numbers, a previous hash that does not match, or a hash that does not
    /// match the event's fields. With <paramref name="after"/> the walk starts after a trusted point instead of at
    /// seq 1; with <paramref name="expectedEnd"/> (a head recorded elsewhere) a cut-off tail is detected too.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> events, AuditChainHead? after = null, AuditChainHead? expectedEnd = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var expectedSeq = (after?.Seq ?? 0) + 1;
        var previousHash = after?.Hash ?? GenesisHash;
        var sb = new StringBuilder(320);
        long count = 0;
        long? firstBad = null;
        string? problem = null;

        foreach (var e in events)
        {
            count++;
            if (firstBad is not null) continue;
            if (e.Seq != expectedSeq)
            {
                firstBad = Math.Min(e.Seq, expectedSeq);
                problem = e.Seq > expectedSeq
                    ? $"event {expectedSeq} is missing: the next event is {e.Seq}"
                    : $"event {e.Seq} appears where event {expectedSeq} was expected (repeated or out of order)";
                continue;
            }
            if (!string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                firstBad = e.Seq;
                problem = $"event {e.Seq} does not link to the event before it (previous hash {e.PreviousHash}, expected {previousHash})";
                continue;
            }
            if (!string.Equals(ComputeHash(e, sb), e.Hash, StringComparison.Ordinal))
            {
                firstBad = e.Seq;
                problem = $"event {e.Seq} was changed after it was written: its fields no longer give its hash";
                continue;
            }
            previousHash = e.Hash;
            expectedSeq++;
        }

        if (firstBad is null && expectedEnd is not null)
        {
            var lastSeq = expectedSeq - 1;
            if (lastSeq < expectedEnd.Seq)
            {
                firstBad = lastSeq + 1;
                problem = $"the chain ends at event {lastSeq} but was known to reach event {expectedEnd.Seq}";
            }
            else if (lastSeq == expectedEnd.Seq && !string.Equals(previousHash, expectedEnd.Hash, StringComparison.Ordinal))
            {
                firstBad = lastSeq;
                problem = $"event {lastSeq} does not have the hash recorded for it";
            }
        }
        return new AuditVerification(firstBad is null, count, firstBad, problem);
    }

    private static string ComputeHash(AuditEvent e, StringBuilder sb)
    {
        sb.Clear();
        sb.Append(e.PreviousHash);
        AuditCanonicalJson.Write(sb, e);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(sb.Length));
        try
        {
            // One encoder across the chunks, flushed at the end, so a surrogate pair split between chunks stays whole.
            var encoder = Encoding.UTF8.GetEncoder();
            var length = 0;
            foreach (var chunk in sb.GetChunks())
                length += encoder.GetBytes(chunk.Span, rented.AsSpan(length), flush: false);
            length += encoder.GetBytes(ReadOnlySpan<char>.Empty, rented.AsSpan(length), flush: true);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Require(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"An audit event needs {what}.");
    }

    private static void RequireJson(string? json, string member)
    {
        if (json is null) return;
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The audit event's '{member}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
