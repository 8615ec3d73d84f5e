namespace Checklist.Core.Runs;

/// <summary>The names of the rules a refusal cites; tests and clients may match on them.</summary>
public static class RunRules
{
    public const string ReadOnly = "Read-only";
    public const string Role = "Role";
    public const string FourEyes = "Four-eyes";
    public const string State = "State";
    public const string Evidence = "Evidence";
    public const string Waiver = "Waiver";
    public const string Gate = "Gate";
    public const string Runbook = "Runbook";
    public const string Input = "Input";
    public const string NotFound = "Not found";
    public const string Verification = "Verification";
}
