using System.Text.RegularExpressions;

namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>One document's text with the line it starts on and the helm template it came from.</summary>
internal sealed record YamlChunk(string Text, int FirstLine, string? HelmSource);

/// <summary>
/// Splits a YAML stream at its document markers before parsing, so that a syntax error in one document is
/// reported and the documents after it are still read (a YAML parser cannot resume after an error).
/// A line starting with <c>---</c> always ends the previous document, even inside a block scalar, so the split is exact.
/// </summary>
internal static partial class YamlDocumentSplitter
{
    public static IEnumerable<YamlChunk> Split(string text)
    {
        var lines = text.Split('\n');
        var current = new List<string>();
        var firstLine = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3])))
            {
                if (current.Count > 0) yield return Chunk(current, firstLine);
                current = [new string(' ', 3) + line[3..]];
                firstLine = i + 1;
                continue;
            }
            if (line is "..." || line.StartsWith("... ", StringComparison.Ordinal))
            {
                if (current.Count > 0) yield return Chunk(current, firstLine);
                current = [];
                firstLine = i + 2;
                continue;
            }
            // Directives (%YAML) belong to the next document; Kubernetes manifests never need them.
            current.Add(line.StartsWith('%') ? "" : line);
        }
        if (current.Count > 0) yield return Chunk(current, firstLine);
    }

    private static YamlChunk Chunk(List<string> lines, int firstLine)
    {
        string? source = null;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (!trimmed.StartsWith('#')) break;
            var match = HelmSource().Match(trimmed);
            if (match.Success) source = match.Groups[1].Value.Trim();
        }
        return new YamlChunk(string.Join('\n', lines) + '\n', firstLine, source);
    }

    [GeneratedRegex(@"^#\s*Source:\s*(\S.*)$")]
    private static partial Regex HelmSource();
}
