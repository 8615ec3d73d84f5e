using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Checklist.Core.Checklists;

/// <summary>
/// A resolved template together with its content hash and the text of its file. The hash identifies the
/// version a run was created from.
/// </summary>
public sealed class TemplateVersion
{
    public TemplateVersion(ChecklistTemplate template, string rawText)
    {
        Template = template ?? throw new ArgumentNullException(nameof(template));
        RawText = rawText ?? throw new ArgumentNullException(nameof(rawText));
        CanonicalJson = CanonicalForm(template);
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson)));
    }

    public ChecklistTemplate Template { get; }
    public string Id => Template.Id;

    /// <summary>
    /// SHA-256 (lowercase hex) of <see cref="CanonicalJson"/>. Because it is computed over the resolved
    /// template, a change to a base template changes the hash of every template that extends it, while
    /// formatting of the file (indentation, comments, quoting, key order, flow or block style, parameters
    /// spelled out at their default) does not.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>The resolved template as compact JSON with a fixed field order: what <see cref="ContentHash"/> is taken over.</summary>
    public string CanonicalJson { get; }

    /// <summary>The file exactly as it was read (for a derived template, its own file, not the base's).</summary>
    public string RawText { get; }

    private static string CanonicalForm(ChecklistTemplate template)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("id", template.Id);
            json.WriteString("title", template.Title);
            json.WriteString("description", template.Description);
            if (template.Extends is not null)
            {
                json.WriteString("extends", template.Extends);
            }
            json.WriteStartArray("items");
            foreach (var item in template.Items)
            {
                WriteItem(json, item);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteItem(Utf8JsonWriter json, TemplateItem item)
    {
        json.WriteStartObject();
        json.WriteString("id", item.Id);
        json.WriteString("section", item.Section);
        json.WriteString("title", item.Title);
        json.WriteString("guidance", item.Guidance);
        WriteStrings(json, "sources", item.Sources);
        json.WriteBoolean("required", item.Required);
        switch (item.Verification)
        {
            case ProbeVerification probe:
                json.WriteString("probe", probe.ProbeId);
                json.WriteStartObject("parameters");
                foreach (var (name, value) in probe.Parameters)
                {
                    json.WritePropertyName(name);
                    WriteValue(json, value);
                }
                json.WriteEndObject();
                break;
            case ManualVerification manual:
                json.WriteStartObject("manual");
                WriteStrings(json, "evidence", manual.Evidence.Select(TemplateVocabulary.Name));
                json.WriteString("signoff", TemplateVocabulary.Name(manual.Signoff));
                json.WriteBoolean("fourEyes", manual.FourEyes);
                json.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"Unknown verification {item.Verification.GetType().Name}.");
        }
        WriteStrings(json, "appliesWhen", item.AppliesWhen.Select(TemplateVocabulary.Name));
        WriteStrings(json, "runbook", item.Runbook.Select(TemplateVocabulary.Name));
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case int i:
                json.WriteNumberValue(i);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IReadOnlyList<string> list:
                json.WriteStartArray();
                foreach (var s in list)
                {
                    json.WriteStringValue(s);
                }
                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Unexpected parameter value of type {value.GetType().Name}.");
        }
    }
}
