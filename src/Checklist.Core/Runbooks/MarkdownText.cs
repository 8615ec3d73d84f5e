using System.Text;

namespace Checklist.Core.Runbooks;

/// <summary>
/// Turns user-provided text into Markdown that renders as the same literal text, so a note cannot open
/// a heading, list, table, link, image or HTML element in the runbook.
/// </summary>
public static class MarkdownText
{
    // Characters that are significant anywhere in a line (emphasis, code, links, HTML, tables, entities).
    private const string AlwaysEscaped = "\\`*_{}[]<>()|~!&";

    // Characters that only open a block (list, heading, thematic break, setext underline) at line start;
    // escaping them everywhere would make the stored Markdown hard to read for no safety gain.
    private const string EscapedAtLineStart = "-+#=";

    /// <summary>Escapes text for an inline position: line breaks become spaces, outer whitespace is trimmed.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        AppendEscapedLine(builder, Flatten(text));
        return builder.ToString();
    }

    /// <summary>
    /// Renders multi-line text as a block quote whose every line is escaped, so paragraphs survive but no
    /// Markdown structure can be injected. Each line is prefixed with <paramref name="indent"/> (for lists).
    /// </summary>
    public static string Quote(string? text, string indent = "")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim('\n').Split('\n');
        var builder = new StringBuilder(text.Length + lines.Length * (indent.Length + 4));
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('\n');
            }

            builder.Append(indent).Append('>');
            var line = lines[i].Trim();
            if (line.Length > 0)
            {
                builder.Append(' ');
                AppendEscapedLine(builder, line);
            }
        }

        return builder.ToString();
    }

    /// <summary>An inline code span that holds any text: the fence is longer than any backtick run inside.</summary>
    public static string CodeSpan(string? text)
    {
        var content = Flatten(text ?? string.Empty);
        if (content.Length == 0)
        {
            return string.Empty;
        }

        var fence = new string('`', LongestRun(content, '`') + 1);
        var pad = content.StartsWith('`') || content.EndsWith('`') || content.StartsWith(' ') ? " " : string.Empty;
        return fence + pad + content + pad + fence;
    }

    /// <summary>A fenced code block holding the text verbatim; the fence outgrows any backtick run inside it.</summary>
    public static string CodeBlock(string? text, string language = "")
    {
        var content = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd('\n');
        var fence = new string('`', Math.Max(3, LongestRun(content, '`') + 1));
        var info = language.All(char.IsAsciiLetterOrDigit) ? language : string.Empty;
        return $"{fence}{info}\n{content}\n{fence}";
    }

    /// <summary>
    /// A Markdown link when the URL uses a safe scheme (http, https, mailto) or is an in-page anchor;
    /// otherwise the escaped title followed by the escaped URL as plain text, so nothing becomes clickable.
    /// </summary>
    public static string Link(string? title, string? url)
    {
        var label = Escape(string.IsNullOrWhiteSpace(title) ? url : title);
        if (string.IsNullOrWhiteSpace(url))
        {
            return label;
        }

        if (!SafeUrl.IsAllowed(url))
        {
            return $"{label} (unsafe link not rendered: {Escape(url)})";
        }

        return $"[{label}]({EncodeDestination(url.Trim())})";
    }

    internal static void AppendEscapedLine(StringBuilder builder, string line)
    {
        var digitsAtStart = true;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var atStart = i == 0;
            if (AlwaysEscaped.Contains(c) || (atStart && EscapedAtLineStart.Contains(c)))
            {
                builder.Append('\\');
            }
            else if (digitsAtStart && i > 0 && c == '.' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t'))
            {
                // "1. text" at the start of a line would open an ordered list; "2.7.0" would not.
                builder.Append('\\');
            }

            digitsAtStart = digitsAtStart && char.IsAsciiDigit(c);
            builder.Append(c);
        }
    }

    internal static string Flatten(string text)
    {
        if (text.IndexOfAny(['\r', '\n', '\t', '\u2028', '\u2029']) < 0)
        {
            return text.Trim();
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t' or '\u2028' or '\u2029')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString().Trim();
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static string EncodeDestination(string url)
    {
        var builder = new StringBuilder(url.Length);
        foreach (var c in url)
        {
            // Characters that would end the destination, break a table cell or read as an escape.
            if (c is ' ' or '<' or '>' or '(' or ')' or '|' or '\\' or '`' or '"' or '\'' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
