using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checklist.Core.Probes;

/// <summary>
/// The parameter values a probe runs with: what the checklist item set, converted to the parameter's type,
/// and the definition's default for everything else.
/// </summary>
public sealed class ProbeArguments
{
    private readonly Dictionary<string, object> _values;

    private ProbeArguments(ProbeDefinition definition, Dictionary<string, object> values)
    {
        Definition = definition;
        _values = values;
    }

    public ProbeDefinition Definition { get; }
    public IReadOnlyDictionary<string, object> Values => _values;

    public static ProbeArguments Defaults(ProbeDefinition definition) => From(definition, null);

    /// <summary>Resolves the item's values; throws <see cref="ArgumentException"/> listing every problem when they are invalid.</summary>
    public static ProbeArguments From(ProbeDefinition definition, IReadOnlyDictionary<string, object?>? values)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (arguments, errors) = Resolve(definition, values);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors));
        return arguments;
    }

    /// <summary>
    /// Every problem with the values a template gives a probe: unknown names, values of the wrong type, and values
    /// the probe cannot use (an unknown QoS class, say). Empty when the values are valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(ProbeDefinition definition, IReadOnlyDictionary<string, object?>? values)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Resolve(definition, values).Errors;
    }

    public int GetInt(string name) => (int)Get(name, ProbeParameterType.Integer);
    public bool GetBool(string name) => (bool)Get(name, ProbeParameterType.Boolean);
    public string GetString(string name) => (string)Get(name, ProbeParameterType.String);
    public IReadOnlyList<string> GetStringList(string name) => (IReadOnlyList<string>)Get(name, ProbeParameterType.StringList);

    private object Get(string name, ProbeParameterType type)
    {
        var parameter = Definition.Parameter(name)
            ?? throw new ArgumentException($"Probe '{Definition.Id}' has no parameter '{name}'.", nameof(name));
        if (parameter.Type != type)
            throw new InvalidOperationException($"Parameter '{name}' of probe '{Definition.Id}' is {parameter.Type}, not {type}.");
        return _values[name];
    }

    private static (ProbeArguments Arguments, List<string> Errors) Resolve(ProbeDefinition definition, IReadOnlyDictionary<string, object?>? values)
    {
        var errors = new List<string>();
        var resolved = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in definition.Parameters)
            resolved[parameter.Name] = parameter.Type == ProbeParameterType.StringList
                ? ((IEnumerable<string>)parameter.Default).ToList()
                : parameter.Default;
        foreach (var (name, value) in values ?? new Dictionary<string, object?>())
        {
            var parameter = definition.Parameter(name);
            if (parameter is null)
            {
                var known = definition.Parameters.Count == 0 ? "it takes none" : "known: " + string.Join(", ", definition.Parameters.Select(p => p.Name));
                errors.Add($"Probe '{definition.Id}' has no parameter '{name}' ({known}).");
                continue;
            }
            if (Convert(value, parameter.Type) is { } converted)
                resolved[name] = converted;
            else
                errors.Add($"Parameter '{name}' of probe '{definition.Id}' must be {Describe(parameter.Type)}, not {Show(value)}.");
        }
        var arguments = new ProbeArguments(definition, resolved);
        if (errors.Count == 0 && ProbeCatalog.Find(definition.Id) is { } probe)
            errors.AddRange(probe.ValidateArguments(arguments));
        return (arguments, errors);
    }

    private static object? Convert(object? value, ProbeParameterType type)
    {
        value = Unwrap(value);
        return type switch
        {
            ProbeParameterType.Integer => value switch
            {
                int i => i,
                long l and >= int.MinValue and <= int.MaxValue => (int)l,
                short s => (int)s,
                byte b => (int)b,
                double d when d % 1 == 0 && d is >= int.MinValue and <= int.MaxValue => (int)d,
                decimal m when m % 1 == 0 && m is >= int.MinValue and <= int.MaxValue => (int)m,
                // YAML loaders that do not type scalars hand numbers over as text.
                string s when int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
                _ => null,
            },
            ProbeParameterType.Boolean => value switch
            {
                bool b => b,
                string s when s is "true" or "True" or "TRUE" => true,
                string s when s is "false" or "False" or "FALSE" => false,
                _ => null,
            },
            ProbeParameterType.String => value as string,
            ProbeParameterType.StringList => value switch
            {
                string => null,
                IEnumerable items => items.Cast<object?>().Select(Unwrap).ToList() is var list && list.All(x => x is string)
                    ? list.Cast<string>().ToList()
                    : null,
                _ => null,
            },
            _ => null,
        };
    }

    private static object? Unwrap(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => (object?)x).ToList(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonValue v => Unwrap(v.Deserialize<JsonElement>()),
        JsonArray a => a.Select(x => x is null ? null : (object?)x).ToList(),
        _ => value,
    };

    private static string Describe(ProbeParameterType type) => type switch
    {
        ProbeParameterType.Integer => "an integer",
        ProbeParameterType.Boolean => "true or false",
        ProbeParameterType.String => "a string",
        _ => "a list of strings",
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };
}
