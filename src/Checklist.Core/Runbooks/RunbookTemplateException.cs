namespace Checklist.Core.Runbooks;

/// <summary>
/// A runbook template cannot be loaded or rendered. The message starts with "file:line:column:" (or
/// "file:" when no line applies) so it points at what a template author has to fix.
/// </summary>
public sealed class RunbookTemplateException : Exception
{
    public RunbookTemplateException(string filePath, int? line, int? column, string reason, Exception? inner = null)
        : base(Format(filePath, line, column, reason), inner)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string FilePath { get; }

    /// <summary>1-based line in <see cref="FilePath"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column in <see cref="FilePath"/>, when known.</summary>
    public int? Column { get; }

    public string Reason { get; }

    private static string Format(string filePath, int? line, int? column, string reason) =>
        (line, column) switch
        {
            ({ } l, { } c) => $"{filePath}:{l}:{c}: {reason}",
            ({ } l, null) => $"{filePath}:{l}: {reason}",
            _ => $"{filePath}: {reason}",
        };
}
