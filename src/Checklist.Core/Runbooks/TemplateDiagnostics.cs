using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace Checklist.Core.Runbooks;

/// <summary>
/// Finds where a template goes wrong. Handlebars.Net gives a location for parser errors only (in the
/// message: "Occured at: line:column"); block mismatches and bad expressions come without one, so
/// blocks are matched here and each expression is compiled on its own to find the line at fault.
/// </summary>
internal static partial class TemplateDiagnostics
{
    public readonly record struct Location(int Line, int? Column, string Reason);

    public static Location Locate(string source, HandlebarsException error)
    {
        var reason = ReasonOf(error);
        var reported = ReportedAt().Match(error.Message);
        if (reported.Success)
        {
            var line = int.Parse(reported.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = int.Parse(reported.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            return new Location(line, column + 1, reason);
        }

        return FindBlockError(source) ?? FindBadExpression(source, reason) ?? new Location(1, null, reason + " (Handlebars gave no line)");
    }

    /// <summary>Partials referenced by name (<c>{{> name}}</c>), with where; dynamic partials are skipped.</summary>
    public static IEnumerable<(string Name, TemplateToken Token)> PartialReferences(string source)
    {
        foreach (var token in TemplateToken.Scan(source).Where(token => !token.IsComment))
        {
            var expression = token.Expression;
            if (!expression.StartsWith('>'))
            {
                continue;
            }

            var name = expression[1..].TrimStart().Split([' ', '\t', '\n', '\r'], 2)[0].Trim('"', '\'');
            if (name.Length > 0 && !name.StartsWith('(') && !name.StartsWith('@'))
            {
                yield return (name, token);
            }
        }
    }

    /// <summary>The first token that mentions a binding path, to place an undefined-binding error.</summary>
    public static TemplateToken? FindMention(string source, string path) =>
        TemplateToken.Scan(source).FirstOrDefault(token => !token.IsComment
            && Regex.IsMatch(token.Expression, $@"(^|[\s.(/=]){Regex.Escape(path)}($|[\s.)}}])"));

    private static Location? FindBlockError(string source)
    {
        var open = new Stack<(string Name, TemplateToken Token)>();
        foreach (var token in TemplateToken.Scan(source).Where(token => !token.IsComment))
        {
            var expression = token.Expression;
            if (expression.StartsWith('#') || (expression.StartsWith('^') && expression.Length > 1))
            {
                var name = FirstWord(expression[1..].TrimStart('>', '*').Trim());
                open.Push((name, token));
            }
            else if (expression.StartsWith('/'))
            {
                var name = FirstWord(expression[1..].Trim());
                if (open.Count == 0)
                {
                    return new Location(token.Line, token.Column, $"'{{{{/{name}}}}}' closes a block that was never opened");
                }

                var (openName, openToken) = open.Pop();
                if (!string.Equals(openName, name, StringComparison.Ordinal))
                {
                    return new Location(token.Line, token.Column,
                        $"'{{{{/{name}}}}}' does not match '{{{{#{openName}}}}}' opened at line {openToken.Line}");
                }
            }
            else if ((expression == "else" || expression == "^" || expression.StartsWith("else ", StringComparison.Ordinal)) && open.Count == 0)
            {
                return new Location(token.Line, token.Column, "'{{else}}' outside of a block");
            }
        }

        if (open.Count > 0)
        {
            var (name, token) = open.Last();
            return new Location(token.Line, token.Column, $"'{{{{#{name}}}}}' is never closed (add '{{{{/{name}}}}}')");
        }

        return null;
    }

    private static Location? FindBadExpression(string source, string reason)
    {
        var probe = Handlebars.Create();
        foreach (var token in TemplateToken.Scan(source).Where(token => !token.IsComment))
        {
            var expression = token.Expression;
            if (expression.Length == 0)
            {
                return new Location(token.Line, token.Column, "empty expression '{{}}'");
            }

            string? standalone = expression[0] switch
            {
                '/' or '>' => null,
                '#' or '^' when expression.Length > 1 =>
                    $"{{{{{expression}}}}}{{{{/{FirstWord(expression[1..].TrimStart('>', '*').Trim())}}}}}",
                _ when expression == "else" || expression == "^" || expression.StartsWith("else ", StringComparison.Ordinal) => null,
                _ => $"{{{{{expression}}}}}",
            };
            if (standalone is null)
            {
                continue;
            }

            try
            {
                probe.Compile(standalone);
            }
            catch (HandlebarsException)
            {
                return new Location(token.Line, token.Column, $"{reason} in '{{{{{Shorten(expression)}}}}}'");
            }
        }

        return null;
    }

    private static string ReasonOf(HandlebarsException error)
    {
        var message = error.Message;
        var cut = message.IndexOf("Occured at:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    private static string FirstWord(string text) => text.Split([' ', '\t', '\n', '\r', '~'], 2)[0];

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"Occured at:\s*(\d+):(\d+)")]
    private static partial Regex ReportedAt();
}
