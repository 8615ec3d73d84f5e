using Checklist.Core.Audit;

namespace Checklist.Web.Auditing;

/// <summary>
/// The last event the chain is known to have reached, kept in its own one-row table and moved forward in the
/// same transaction as every append. Hashes alone cannot show that events were cut off the end of the chain
/// (the remaining rows still link up); comparing the chain with this head can.
/// </summary>
public sealed class AuditHead
{
    /// <summary>The one row's key: there is one chain.</summary>
    public const int ChainId = 1;

    private AuditHead() { }

    public AuditHead(AuditEvent last)
    {
        ArgumentNullException.ThrowIfNull(last);
        Id = ChainId;
        Seq = last.Seq;
        Hash = last.Hash;
    }

    public int Id { get; private set; }
    public long Seq { get; private set; }
    public string Hash { get; private set; } = "";

    /// <summary>
    /// Moves the head to <paramref name="last"/> when the chain grew from where the head stands. When it did not
    /// (the head is ahead of or differs from the event the new ones were chained to), the head stays where it is:
    /// it is the evidence that the chain lost its tail, and verification reports it.
    /// </summary>
    public bool Advance(AuditEvent? chainedTo, AuditEvent last)
    {
        ArgumentNullException.ThrowIfNull(last);
        if (chainedTo is null || chainedTo.Seq != Seq || !string.Equals(chainedTo.Hash, Hash, StringComparison.Ordinal)) return false;
        Seq = last.Seq;
        Hash = last.Hash;
        return true;
    }

    public AuditChainHead ToChainHead() => new(Seq, Hash);
}
