using System.Globalization;
using System.Text;
using HandlebarsDotNet;

namespace Checklist.Core.Runbooks;

/// <summary>
/// Helpers runbook templates use where the default Markdown escaping of <c>{{value}}</c> is not the
/// right output: shell words in commands, code, quoted notes, links, dates and state labels.
/// </summary>
internal static class RunbookHelpers
{
    public static void Register(IHandlebars handlebars)
    {
        // One word of a shell command inside a code fence: {{sh Namespace}}.
        handlebars.RegisterHelper("sh", (output, _, arguments) =>
            output.WriteSafeString(ShellText.Quote(Text(arguments, 0, "sh"))));

        // Inline code: {{code BackupName}}.
        handlebars.RegisterHelper("code", (output, _, arguments) =>
            output.WriteSafeString(MarkdownText.CodeSpan(Text(arguments, 0, "code"))));

        // Verbatim fenced block: {{codeblock Manifest "yaml"}}.
        handlebars.RegisterHelper("codeblock", (output, _, arguments) =>
            output.WriteSafeString(MarkdownText.CodeBlock(Text(arguments, 0, "codeblock"),
                arguments.Length > 1 ? Text(arguments, 1, "codeblock") : string.Empty)));

        // Multi-line user text as an escaped block quote: {{quote Text}} or {{quote Text "  "}} inside a list.
        handlebars.RegisterHelper("quote", (output, _, arguments) =>
            output.WriteSafeString(MarkdownText.Quote(Text(arguments, 0, "quote"),
                arguments.Length > 1 ? Text(arguments, 1, "quote") : string.Empty)));

        // A link only when its scheme is safe: {{link Title Url}}.
        handlebars.RegisterHelper("link", (output, _, arguments) =>
            output.WriteSafeString(MarkdownText.Link(Text(arguments, 0, "link"), Text(arguments, 1, "link"))));

        // UTC date and time, or "not recorded": {{date Decision.At}}.
        handlebars.RegisterHelper("date", (output, _, arguments) =>
            output.WriteSafeString(Date(Argument(arguments, 0, "date"))));

        // Words for an enum value: SignedOff -> "signed off".
        handlebars.RegisterHelper("label", (output, _, arguments) =>
            output.WriteSafeString(MarkdownText.Escape(Label(Argument(arguments, 0, "label")))));

        // Task-list box for an item state: [x] when the item no longer blocks go-live.
        handlebars.RegisterHelper("checkbox", (output, _, arguments) =>
            output.WriteSafeString(Argument(arguments, 0, "checkbox") is RunbookItemState.Passed or RunbookItemState.SignedOff
                or RunbookItemState.Waived or RunbookItemState.NotApplicable ? "[x]" : "[ ]"));

        // {{#is State "Waived"}}...{{else}}...{{/is}}: compares the text of two values.
        handlebars.RegisterHelper("is", (output, options, context, arguments) =>
        {
            if (arguments.Length != 2)
            {
                throw new HandlebarsRuntimeException("helper 'is' takes two values: {{#is value \"Text\"}}");
            }

            var equal = string.Equals(Convert.ToString(arguments[0], CultureInfo.InvariantCulture),
                Convert.ToString(arguments[1], CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (equal)
            {
                options.Template(output, context);
            }
            else
            {
                options.Inverse(output, context);
            }
        });
    }

    internal static string Date(object? value) => value switch
    {
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        DateTime at => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        _ => "not recorded",
    };

    internal static string Label(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        if (value is RunbookDecisionOutcome outcome)
        {
            return outcome == RunbookDecisionOutcome.Go ? "GO" : "NO-GO";
        }

        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]) && !char.IsUpper(text[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(value is Enum ? char.ToLowerInvariant(text[i]) : text[i]);
        }

        return builder.ToString();
    }

    private static object? Argument(in Arguments arguments, int index, string helper)
    {
        if (arguments.Length <= index)
        {
            throw new HandlebarsRuntimeException($"helper '{helper}' needs {index + 1} argument(s), got {arguments.Length}");
        }

        var value = arguments[index];
        return value is UndefinedBindingResult ? null : value;
    }

    private static string Text(in Arguments arguments, int index, string helper) =>
        Convert.ToString(Argument(arguments, index, helper), CultureInfo.InvariantCulture) ?? string.Empty;
}
