using System.Text.Json;
using Checklist.Core.Checklists;

namespace Checklist.Web.Templates;

/// <summary>
/// Rebuilds a resolved template from the canonical JSON that <see cref="TemplateVersion.CanonicalJson"/> wrote.
/// A stored version is rebuilt from this form rather than by re-running the loader over stored YAML, because a
/// derived template's file alone does not define it: its items depend on the base as it was at the time.
/// </summary>
public static class CanonicalTemplateReader
{
    /// <exception cref="FormatException">The JSON is not a canonical template this build can rebuild (the message says why).</exception>
    public static ChecklistTemplate Read(string canonicalJson)
    {
        try
        {
            using var document = JsonDocument.Parse(canonicalJson);
            var root = document.RootElement;
            var items = root.GetProperty("items").EnumerateArray().Select(ReadItem).ToList();
            var extends = root.TryGetProperty("extends", out var e) ? e.GetString() : null;
            return new ChecklistTemplate(Text(root, "id"), Text(root, "title"), Text(root, "description"), items, extends);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"not a canonical template: {ex.Message}", ex);
        }
    }

    private static TemplateItem ReadItem(JsonElement item)
    {
        ItemVerification verification = item.TryGetProperty("probe", out var probe)
            ? new ProbeVerification(probe.GetString()!, ReadParameters(item.GetProperty("parameters")))
            : ReadManual(item.GetProperty("manual"));
        return new TemplateItem(
            Text(item, "id"),
            Text(item, "section"),
            Text(item, "title"),
            Text(item, "guidance"),
            Strings(item, "sources"),
            item.GetProperty("required").GetBoolean(),
            verification,
            Strings(item, "appliesWhen").Select(name => Parse<AppliesWhenCondition>(name, TemplateVocabulary.TryParseCondition)),
            Strings(item, "runbook").Select(name => Parse<RunbookSection>(name, TemplateVocabulary.TryParseRunbookSection)));
    }

    private static Dictionary<string, object> ReadParameters(JsonElement parameters)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in parameters.EnumerateObject())
        {
            values[parameter.Name] = parameter.Value.ValueKind switch
            {
                JsonValueKind.Number => parameter.Value.GetInt32(),
                JsonValueKind.True or JsonValueKind.False => parameter.Value.GetBoolean(),
                JsonValueKind.String => parameter.Value.GetString()!,
                JsonValueKind.Array => parameter.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                var kind => throw new InvalidOperationException($"parameter '{parameter.Name}' has a {kind} value"),
            };
        }
        return values;
    }

    private static ManualVerification ReadManual(JsonElement manual) => new(
        Strings(manual, "evidence").Select(name => Parse<EvidenceKind>(name, TemplateVocabulary.TryParseEvidenceKind)),
        Parse<SignoffRole>(Text(manual, "signoff"), TemplateVocabulary.TryParseSignoffRole),
        manual.GetProperty("fourEyes").GetBoolean());

    private delegate bool TryParse<T>(string name, out T value);

    private static T Parse<T>(string name, TryParse<T> tryParse) =>
        tryParse(name, out var value) ? value : throw new InvalidOperationException($"'{name}' is not a known {typeof(T).Name}");

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null");

    private static string[] Strings(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetString() ?? throw new InvalidOperationException($"'{name}' holds a null")).ToArray();
}
