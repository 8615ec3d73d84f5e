using YamlDotNet.Core;

namespace Checklist.Core;

/// <summary>
/// YamlDotNet 16 throws InvalidOperationException, without a position, on some malformed input (a flow
/// sequence left open before a later key). Every YAML reader of the product (templates, manifests, kubeconfig)
/// catches it and asks this where the parser last made progress, so the error can still name a line.
/// </summary>
public static class YamlParserFailure
{
    public const string Message = "not valid YAML: the parser cannot read on from here (is a [ or { left unclosed, or a quote?)";

    /// <summary>1-based line and column of the last token the parser read before it failed.</summary>
    public static (int Line, int Column) Locate(string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } current) last = current.End;
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException)
        {
            // Where the parser stopped is the answer.
        }
        return ((int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column));
    }
}
