using System.Text;
using System.Text.Json;

namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>Line numbers inside a JSON manifest: where the object starts and where each element of its "items" starts.</summary>
internal static class JsonItemLines
{
    public static int StartLine(string text)
    {
        var index = text.IndexOf('{');
        return index < 0 ? 1 : LineOf(text, index);
    }

    public static IReadOnlyList<int>? ItemLines(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var newlines = new List<long>();
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') newlines.Add(i);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        List<int>? lines = null;
        var inItems = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("items"))
            {
                reader.Read();
                inItems = reader.TokenType == JsonTokenType.StartArray;
                if (inItems) lines = [];
                continue;
            }
            if (inItems && reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1) inItems = false;
            if (inItems && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                lines!.Add(LineOfByte(newlines, reader.TokenStartIndex));
        }
        return lines;
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++) if (text[i] == '\n') line++;
        return line;
    }

    private static int LineOfByte(List<long> newlines, long offset)
    {
        var position = newlines.BinarySearch(offset);
        return (position < 0 ? ~position : position) + 1;
    }
}
