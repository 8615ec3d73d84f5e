using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Checklist.Core.Checklists;

internal enum YamlNodeKind { Scalar, Sequence, Mapping }

/// <summary>
/// A YAML node with its position. Built from parser events instead of YamlDotNet's representation model
/// because that model throws at the first duplicate key, and the loader must report every error at once.
/// </summary>
internal sealed class YamlTreeNode
{
    private YamlTreeNode(YamlNodeKind kind, Mark start)
    {
        Kind = kind;
        Line = (int)start.Line;
        Column = (int)start.Column;
    }

    public YamlNodeKind Kind { get; }
    public int Line { get; }
    public int Column { get; }
    public string Value { get; private set; } = "";
    public ScalarStyle Style { get; private set; }
    public IReadOnlyList<YamlTreeNode> Items { get; private set; } = [];
    public IReadOnlyList<KeyValuePair<YamlTreeNode, YamlTreeNode>> Pairs { get; private set; } = [];

    /// <summary>An empty or explicitly null plain scalar (<c>key:</c>, <c>~</c>, <c>null</c>).</summary>
    public bool IsNull => Kind == YamlNodeKind.Scalar && Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public string Describe() => Kind switch
    {
        YamlNodeKind.Mapping => "a mapping",
        YamlNodeKind.Sequence => "a list",
        _ when IsNull => "nothing",
        _ when Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => $"the quoted string \"{Value}\" (write it without quotes)",
        _ => $"'{Value}'",
    };

    /// <summary>Reads every document of the text; throws <see cref="YamlException"/> (with its position) on malformed YAML.</summary>
    public static IReadOnlyList<YamlTreeNode> ReadDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var documents = new List<YamlTreeNode>();
        parser.Consume<StreamStart>();
        while (!parser.Accept<StreamEnd>(out _))
        {
            parser.Consume<DocumentStart>();
            documents.Add(ReadNode(parser, anchors));
            parser.Consume<DocumentEnd>();
        }
        return documents;
    }

    private static YamlTreeNode ReadNode(IParser parser, Dictionary<string, YamlTreeNode> anchors)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of the YAML stream.");
        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
            {
                var node = new YamlTreeNode(YamlNodeKind.Scalar, scalar.Start) { Value = scalar.Value, Style = scalar.Style };
                Remember(anchors, scalar.Anchor, node);
                return node;
            }
            case SequenceStart sequence:
            {
                var items = new List<YamlTreeNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, anchors));
                }
                var node = new YamlTreeNode(YamlNodeKind.Sequence, sequence.Start) { Items = items.AsReadOnly() };
                Remember(anchors, sequence.Anchor, node);
                return node;
            }
            case MappingStart mapping:
            {
                var pairs = new List<KeyValuePair<YamlTreeNode, YamlTreeNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadNode(parser, anchors);
                    var value = ReadNode(parser, anchors);
                    pairs.Add(new(key, value));
                }
                var node = new YamlTreeNode(YamlNodeKind.Mapping, mapping.Start) { Pairs = pairs.AsReadOnly() };
                Remember(anchors, mapping.Anchor, node);
                return node;
            }
            case AnchorAlias alias:
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"Alias *{alias.Value.Value} names no anchor defined before it.");
            default:
                throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
        }
    }

    private static void Remember(Dictionary<string, YamlTreeNode> anchors, AnchorName anchor, YamlTreeNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }
}
