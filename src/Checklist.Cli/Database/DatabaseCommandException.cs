namespace Checklist.Cli.Database;

/// <summary>A backup or restore that cannot go on, with a message that tells the operator what to do; exit code 2.</summary>
public sealed class DatabaseCommandException(string message) : Exception(message);
