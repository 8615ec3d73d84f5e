using System.Security.Cryptography;
using System.Text;

namespace Checklist.Core.Runs;

/// <summary>
/// A recorded go or no-go. A go decision becomes <see cref="Stale"/> when drift (a verified item regressing,
/// an approved waiver expiring) undermines it; it is never edited otherwise. The runbook rendered at the
/// decision is frozen on it once, with its SHA-256.
/// </summary>
public sealed class Decision
{
    // Not readonly: EF sets a primitive collection's backing field when it materialises the entity.
    private List<string> _waivedItemIds = [];

    private Decision() { }

    internal Decision(GateDecision outcome, Actor decider, string? comment, IEnumerable<string> waivedItemIds, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        Outcome = outcome;
        DeciderId = decider.Id;
        DeciderName = decider.Name;
        Comment = comment;
        DecidedAt = at;
        _waivedItemIds = waivedItemIds.ToList();
    }

    public Guid Id { get; private set; }
    public GateDecision Outcome { get; private set; }
    public string DeciderId { get; private set; } = "";
    public string DeciderName { get; private set; } = "";
    public string? Comment { get; private set; }
    public DateTimeOffset DecidedAt { get; private set; }
    /// <summary>The items that passed the gate only because of a waiver, for the runbook and the auditors.</summary>
    public IReadOnlyList<string> WaivedItemIds => _waivedItemIds;
    public bool Stale { get; private set; }
    public DateTimeOffset? StaleAt { get; private set; }
    public string? StaleReason { get; private set; }
    public string? RunbookMarkdown { get; private set; }
    public string? RunbookSha256 { get; private set; }
    public DateTimeOffset? RunbookFrozenAt { get; private set; }

    public bool RunbookFrozen => RunbookFrozenAt is not null;

    internal bool MarkStale(string reason, DateTimeOffset at)
    {
        if (Stale || Outcome != GateDecision.Go) return false;
        Stale = true;
        StaleAt = at;
        StaleReason = reason;
        return true;
    }

    internal void FreezeRunbook(string markdown, string sha256, DateTimeOffset at)
    {
        if (RunbookFrozen)
            throw new RuleViolationException(RunRules.Runbook, RuleViolationKind.Conflict,
                $"the runbook of the decision of {DecidedAt:u} was frozen at {RunbookFrozenAt:u} and never changes");
        ArgumentNullException.ThrowIfNull(markdown);
        var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            throw new RuleViolationException(RunRules.Runbook, RuleViolationKind.Invalid,
                $"the SHA-256 given ({sha256}) is not that of the runbook's UTF-8 text ({actual})");
        RunbookMarkdown = markdown;
        RunbookSha256 = actual;
        RunbookFrozenAt = at;
    }
}
