using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>
/// Reads rendered manifests (plain YAML, multi-document YAML, <c>helm template</c> output, JSON, <c>kind: List</c>)
/// into <see cref="KubeObject"/>s. Problems do not stop the read: every malformed document is reported with its
/// file, line and column, and the documents around it are still read.
/// </summary>
public static partial class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// Reads files and folders (folders recursively, *.yaml, *.yml and *.json, in ordinal path order so runs are
    /// deterministic). Objects that name no namespace get <paramref name="defaultNamespace"/>, except cluster-scoped kinds.
    /// </summary>
    public static ManifestReadResult Read(IEnumerable<string> paths, string? defaultNamespace)
    {
        var given = paths.ToList();
        var files = new List<string>();
        var errors = new List<ManifestError>();
        foreach (var path in given)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
                errors.Add(new ManifestError(path, 0, 0, "no such file or directory"));
        }
        var objects = new List<KubeObject>();
        foreach (var file in files)
        {
            string text;
            try { text = File.ReadAllText(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ManifestError(file, 0, 0, $"cannot be read: {e.Message}"));
                continue;
            }
            ReadInto(text, file, defaultNamespace, objects, errors);
        }
        return new ManifestReadResult(string.Join(", ", given), defaultNamespace, files, objects, errors);
    }

    /// <summary>Reads one text (an upload, standard input); <paramref name="fileName"/> names it in sources and errors.</summary>
    public static ManifestReadResult ReadText(string text, string fileName, string? defaultNamespace)
    {
        var objects = new List<KubeObject>();
        var errors = new List<ManifestError>();
        ReadInto(text, fileName, defaultNamespace, objects, errors);
        return new ManifestReadResult(fileName, defaultNamespace, [fileName], objects, errors);
    }

    private static void ReadInto(string text, string file, string? defaultNamespace, List<KubeObject> objects, List<ManifestError> errors)
    {
        var sink = new ObjectSink(file, defaultNamespace, objects, errors);
        if (Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase))
            ReadJson(text, sink);
        else
            ReadYaml(text, sink);
    }

    private static void ReadYaml(string text, ObjectSink sink)
    {
        foreach (var chunk in YamlDocumentSplitter.Split(text))
        {
            List<YamlDocumentNode> documents;
            try
            {
                documents = YamlJsonConverter.ReadDocuments(chunk.Text);
            }
            catch (YamlLocatedException e)
            {
                sink.Error(chunk.FirstLine + (int)e.At.Line - 1, (int)e.At.Column, e.Message);
                continue;
            }
            catch (YamlException e)
            {
                sink.Error(chunk.FirstLine + (int)e.Start.Line - 1, (int)e.Start.Column, Describe(e));
                continue;
            }
            catch (InvalidOperationException)
            {
                var (line, column) = YamlParserFailure.Locate(chunk.Text);
                sink.Error(chunk.FirstLine + line - 1, column, YamlParserFailure.Message);
                continue;
            }
            foreach (var document in documents)
            {
                if (document.Root is null) continue; // an empty document, as helm emits for disabled templates
                var line = chunk.FirstLine + (int)document.Start.Line - 1;
                var column = (int)document.Start.Column;
                if (document.Root is not JsonObject obj)
                {
                    sink.Error(line, column, "a document must be a mapping with apiVersion and kind");
                    continue;
                }
                var itemLines = document.ItemStarts?.Select(m => chunk.FirstLine + (int)m.Line - 1).ToList();
                var source = chunk.HelmSource is null ? new ObjectSource(sink.File, line) : new ObjectSource(chunk.HelmSource, line) { RenderedIn = sink.File };
                sink.Add(obj, source, itemLines, column);
            }
        }
    }

    private static void ReadJson(string text, ObjectSink sink)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys are refused while parsing (with their line); a JsonObject would throw on first access instead.
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            sink.Error((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e.Message.Split(" Path:")[0]);
            return;
        }
        if (root is not JsonObject obj)
        {
            sink.Error(1, 1, "a JSON manifest must be an object with apiVersion and kind");
            return;
        }
        sink.Add(obj, new ObjectSource(sink.File, JsonItemLines.StartLine(text)), JsonItemLines.ItemLines(text), 1);
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes its own position; ours (with the document offset) replaces it.
        return PositionPrefix().Replace(message, "").Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    /// <summary>Checks each document and expands lists; owns the namespace rule.</summary>
    private sealed class ObjectSink(string file, string? defaultNamespace, List<KubeObject> objects, List<ManifestError> errors)
    {
        public string File { get; } = file;

        public void Error(int line, int column, string message) => errors.Add(new ManifestError(File, line, column, message));

        public void Add(JsonObject obj, ObjectSource source, IReadOnlyList<int>? itemLines, int column)
        {
            var kind = JsonRead.String(obj["kind"]);
            var apiVersion = JsonRead.String(obj["apiVersion"]);
            if (string.IsNullOrWhiteSpace(kind) || string.IsNullOrWhiteSpace(apiVersion))
            {
                var missing = string.IsNullOrWhiteSpace(kind) ? "kind" : "apiVersion";
                errors.Add(new ManifestError(source.File, source.Line, column, $"the document has no {missing} (every Kubernetes object needs apiVersion and kind)"));
                return;
            }
            if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
            {
                var itemKind = kind == "List" ? null : kind[..^"List".Length];
                for (var i = 0; i < items.Count; i++)
                {
                    var line = itemLines is not null && i < itemLines.Count ? itemLines[i] : source.Line;
                    if (items[i] is not JsonObject item)
                    {
                        errors.Add(new ManifestError(source.File, line, 1, $"item {i} of the {kind} is not an object"));
                        continue;
                    }
                    var detached = (JsonObject)item.DeepClone();
                    if (itemKind is not null && detached["kind"] is null)
                    {
                        detached["kind"] = itemKind;
                        detached["apiVersion"] ??= apiVersion;
                    }
                    Add(detached, source with { Line = line }, null, 1);
                }
                return;
            }
            if (MetadataProblem(obj) is { } problem)
            {
                errors.Add(new ManifestError(source.File, source.Line, column, $"{kind}: {problem}"));
                return;
            }
            var ns = ClusterScopedKinds.Contains(kind) ? null : defaultNamespace;
            objects.Add(new KubeObject(obj, source, ns));
        }

        /// <summary>Identity fields of the wrong type (a numeric name, say) would break every reader downstream.</summary>
        private static string? MetadataProblem(JsonObject obj)
        {
            var metadata = obj["metadata"];
            if (metadata is null) return null;
            if (metadata is not JsonObject map) return "metadata must be a mapping";
            foreach (var field in new[] { "name", "namespace", "generateName" })
                if (map[field] is { } value && JsonRead.String(value) is null)
                    return $"metadata.{field} must be a string, not {value.ToJsonString()} (quote it)";
            foreach (var field in new[] { "labels", "annotations" })
                if (map[field] is { } value && value is not JsonObject)
                    return $"metadata.{field} must be a mapping";
            return null;
        }
    }
}
