namespace Checklist.Core.Runbooks;

/// <summary>One <c>{{...}}</c> of a template with where it starts (1-based line and column).</summary>
internal sealed record TemplateToken(string Inner, int Line, int Column, bool IsComment)
{
    /// <summary>The expression without its whitespace-control tildes and surrounding blanks.</summary>
    public string Expression => Inner.Trim().Trim('~').Trim();

    /// <summary>
    /// Finds the mustaches of a template. Handlebars reports locations only for some errors, so the
    /// renderer reads the tokens itself to point at the line of the others.
    /// </summary>
    public static IReadOnlyList<TemplateToken> Scan(string source)
    {
        var tokens = new List<TemplateToken>();
        int line = 1, column = 1, i = 0;

        void Advance(int count)
        {
            for (var k = 0; k < count && i < source.Length; k++, i++)
            {
                if (source[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }
        }

        while (i < source.Length)
        {
            if (source[i] == '\\' && string.CompareOrdinal(source, i + 1, "{{", 0, 2) == 0)
            {
                Advance(3);
                continue;
            }

            if (string.CompareOrdinal(source, i, "{{", 0, 2) != 0)
            {
                Advance(1);
                continue;
            }

            int startLine = line, startColumn = column;
            var (open, close, comment) = string.CompareOrdinal(source, i, "{{!--", 0, 5) == 0 ? ("{{!--", "--}}", true)
                : string.CompareOrdinal(source, i, "{{~!--", 0, 6) == 0 ? ("{{~!--", "--}}", true)
                : string.CompareOrdinal(source, i, "{{{", 0, 3) == 0 ? ("{{{", "}}}", false)
                : ("{{", "}}", false);
            var end = source.IndexOf(close, i + open.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                tokens.Add(new TemplateToken(source[(i + open.Length)..], startLine, startColumn, comment));
                break;
            }

            var inner = source[(i + open.Length)..end];
            tokens.Add(new TemplateToken(inner, startLine, startColumn, comment || inner.TrimStart('~').StartsWith('!')));
            Advance(end + close.Length - i);
        }

        return tokens;
    }
}
