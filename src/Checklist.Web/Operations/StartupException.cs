namespace Checklist.Web.Operations;

/// <summary>
/// A start-up problem an operator must fix (a bad setting, an unreachable database, an invalid template).
/// Program.cs logs its message as one line and exits non-zero, with no stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
