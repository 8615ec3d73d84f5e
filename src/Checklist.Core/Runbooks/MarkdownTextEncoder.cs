using System.Text;
using HandlebarsDotNet;

namespace Checklist.Core.Runbooks;

/// <summary>
/// The encoder behind every <c>{{value}}</c> in a runbook template: it escapes Markdown instead of HTML,
/// so user text placed with the ordinary syntax is inert. Commands and code use dedicated helpers.
/// </summary>
internal sealed class MarkdownTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target) => Encode(text?.ToString(), target);

    public void Encode(string? text, TextWriter target) => target.Write(MarkdownText.Escape(text));

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }

        var builder = new StringBuilder();
        while (text.MoveNext())
        {
            builder.Append(text.Current);
        }

        Encode(builder.ToString(), target);
    }
}
