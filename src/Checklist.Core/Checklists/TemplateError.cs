namespace Checklist.Core.Checklists;

/// <summary>
/// A problem in a template file, at a 1-based line and column, printed as <c>file:line:column: message</c>.
/// Line and column are 0 only for problems with no position in a file (a missing directory, an unreadable
/// file); those print as <c>path: message</c>.
/// </summary>
public sealed record TemplateError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
