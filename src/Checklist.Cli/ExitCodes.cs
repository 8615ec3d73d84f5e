namespace Checklist.Cli;

/// <summary>The exit codes of every subcommand (the contract CI pipelines depend on).</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
}
