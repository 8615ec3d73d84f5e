using System.Text.Json;

namespace Checklist.Cli.Database;

/// <summary>
/// The two settings the database commands need, read the way ASP.NET Core's configuration reads them: JSON files
/// flattened to colon-separated keys, then environment variables with "__" for ":", later sources winning and keys
/// compared without regard to case. (The configuration packages themselves would clash with the copies the web
/// app's shared framework brings wherever both sit side by side.)
/// </summary>
public sealed class SettingsReader
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public string? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>Reads the file if it exists; comments and trailing commas are allowed, as in appsettings.json.</summary>
    public void AddJsonFile(string path)
    {
        if (!File.Exists(path)) return;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DatabaseCommandException($"{path}: the settings must be a JSON object.");
            Flatten(document.RootElement, null);
        }
        catch (JsonException ex)
        {
            throw new DatabaseCommandException($"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: not valid JSON: {ex.Message.Split(" Path:")[0]}");
        }
    }

    public void AddEnvironmentVariables()
    {
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            _values[((string)variable.Key).Replace("__", ":", StringComparison.Ordinal)] = (string?)variable.Value;
    }

    private void Flatten(JsonElement element, string? prefix)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}");
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Flatten(item, $"{prefix}:{index++}");
                break;
            case JsonValueKind.Null:
                _values[prefix!] = null;
                break;
            default:
                _values[prefix!] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                break;
        }
    }
}
