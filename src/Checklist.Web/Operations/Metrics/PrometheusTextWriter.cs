using System.Globalization;
using System.Text;

namespace Checklist.Web.Operations.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): a HELP and a TYPE line per family, then one line
/// per sample, with label values and help text escaped as the format requires.
/// </summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public void WriteHeader(string name, string help, string type)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void WriteSample(string name, IReadOnlyList<KeyValuePair<string, string>> labels, long value, (string Name, string Value)? extra = null) =>
        WriteSample(name, labels, value.ToString(CultureInfo.InvariantCulture), extra);

    public void WriteSample(string name, IReadOnlyList<KeyValuePair<string, string>> labels, double value, (string Name, string Value)? extra = null) =>
        WriteSample(name, labels, FormatDouble(value), extra);

    public override string ToString() => _text.ToString();

    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Label values may hold anything; backslash, double quote and line feed must be escaped.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");

    /// <summary>Help text escapes backslash and line feed (a double quote is allowed as is).</summary>
    public static string EscapeHelp(string help) => help.Replace("\\", @"\\").Replace("\n", @"\n");

    private void WriteSample(string name, IReadOnlyList<KeyValuePair<string, string>> labels, string value, (string Name, string Value)? extra)
    {
        _text.Append(name);
        if (labels.Count > 0 || extra is not null)
        {
            _text.Append('{');
            var first = true;
            foreach (var (label, labelValue) in labels)
            {
                if (!first) _text.Append(',');
                AppendLabel(label, labelValue);
                first = false;
            }
            if (extra is { } e)
            {
                if (!first) _text.Append(',');
                AppendLabel(e.Name, e.Value);
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(value).Append('\n');
    }

    private void AppendLabel(string name, string value) =>
        _text.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
}
