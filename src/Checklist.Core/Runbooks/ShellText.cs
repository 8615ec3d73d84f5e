using System.Text;

namespace Checklist.Core.Runbooks;

/// <summary>Makes a value safe to paste as one word of a POSIX shell command inside a code block.</summary>
public static class ShellText
{
    /// <summary>
    /// Returns the value unchanged when it is made of characters the shell treats literally, otherwise
    /// single-quoted. Line breaks are flattened first, so a value can never end the surrounding code fence;
    /// a backtick ends up inside single quotes, where neither the shell nor Markdown acts on it.
    /// </summary>
    public static string Quote(string? value)
    {
        var flat = MarkdownText.Flatten(value ?? string.Empty);
        if (flat.Length == 0)
        {
            return "''";
        }

        if (flat.All(IsLiteral))
        {
            return flat;
        }

        var builder = new StringBuilder(flat.Length + 2).Append('\'');
        foreach (var c in flat)
        {
            builder.Append(c == '\'' ? "'\\''" : c.ToString());
        }

        return builder.Append('\'').ToString();
    }

    private static bool IsLiteral(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '@' or '%' or '+' or ',';
}
