namespace Checklist.Core.Runs;

/// <summary>How a refusal maps onto HTTP: the web app turns each into a problem-details status.</summary>
public enum RuleViolationKind
{
    /// <summary>400: the input itself is unusable (a blank reason, a link that is not http/https).</summary>
    Invalid,
    /// <summary>403: the actor may not do this (role, read-only auditor, four-eyes).</summary>
    Forbidden,
    /// <summary>404: the run has no such item, evidence or waiver.</summary>
    NotFound,
    /// <summary>409: the action does not fit the current state (a transition, a blocking gate).</summary>
    Conflict,
}

/// <summary>
/// A refused action. <see cref="Exception.Message"/> always starts with the rule's name
/// (for example "Four-eyes: the signer wrote the item's only evidence"), so a person can act on it.
/// </summary>
public class RuleViolationException : Exception
{
    public RuleViolationException(string rule, RuleViolationKind kind, string detail)
        : base($"{rule}: {detail}")
    {
        Rule = rule;
        Kind = kind;
        Detail = detail;
    }

    public string Rule { get; }
    public RuleViolationKind Kind { get; }
    public string Detail { get; }
}

/// <summary>A go decision refused because required items block (HTTP 409); <see cref="Gate"/> lists them.</summary>
public sealed class GateBlockedException(GateEvaluation gate)
    : RuleViolationException(RunRules.Gate, RuleViolationKind.Conflict, Describe(gate))
{
    public GateEvaluation Gate { get; } = gate;

    private static string Describe(GateEvaluation gate) =>
        $"go refused while {gate.Blocking.Count} required item(s) block: " +
        string.Join("; ", gate.Blocking.Select(b => $"{b.ItemId} ({b.Reason})"));
}
