using System.Collections.ObjectModel;
using Checklist.Core.Probes;

namespace Checklist.Core.Checklists;

/// <summary>How an item is verified: automatically by a probe, or by a person with evidence.</summary>
public abstract class ItemVerification
{
    private protected ItemVerification()
    {
    }
}

/// <summary>
/// Verification by a probe from <see cref="ProbeDefinitions"/>. <see cref="Parameters"/> holds every
/// parameter of the probe (the template's value or the catalog's default), so a probe never has to know
/// which ones the template spelled out. Values are <c>int</c>, <c>bool</c>, <c>string</c> or
/// <c>IReadOnlyList&lt;string&gt;</c> according to the parameter's type.
/// </summary>
public sealed class ProbeVerification : ItemVerification
{
    public ProbeVerification(string probeId, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var definition = ProbeDefinitions.Find(probeId) ?? throw new ArgumentException($"Unknown probe '{probeId}'.", nameof(probeId));
        var given = parameters ?? new Dictionary<string, object>();
        foreach (var name in given.Keys)
        {
            if (definition.Parameter(name) is null)
            {
                throw new ArgumentException($"Probe '{probeId}' has no parameter '{name}'.", nameof(parameters));
            }
        }

        var resolved = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in definition.Parameters)
        {
            var value = given.TryGetValue(parameter.Name, out var v) ? v : parameter.Default;
            resolved[parameter.Name] = Normalize(parameter, value);
        }

        ProbeId = probeId;
        Definition = definition;
        Parameters = new ReadOnlyDictionary<string, object>(resolved);
    }

    public string ProbeId { get; }
    public ProbeDefinition Definition { get; }
    public IReadOnlyDictionary<string, object> Parameters { get; }

    public int GetInt(string name) => (int)Parameters[name];
    public bool GetBool(string name) => (bool)Parameters[name];
    public string GetString(string name) => (string)Parameters[name];
    public IReadOnlyList<string> GetStringList(string name) => (IReadOnlyList<string>)Parameters[name];

    /// <summary>A copy with some parameters replaced (the rest keep their current values).</summary>
    public ProbeVerification WithParameters(IReadOnlyDictionary<string, object> overrides)
    {
        var merged = new Dictionary<string, object>(Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            merged[name] = value;
        }
        return new ProbeVerification(ProbeId, merged);
    }

    private static object Normalize(ProbeParameter parameter, object value) => (parameter.Type, value) switch
    {
        (ProbeParameterType.Integer, int i) => i,
        (ProbeParameterType.Boolean, bool b) => b,
        (ProbeParameterType.String, string s) => s,
        (ProbeParameterType.StringList, IEnumerable<string> list) => Array.AsReadOnly(list.ToArray()),
        _ => throw new ArgumentException($"Parameter '{parameter.Name}' must be {ParameterTypeNames.Describe(parameter.Type)}, not {value.GetType().Name}."),
    };
}

/// <summary>Verification by a person: the evidence it needs, who signs it, and whether the signer must differ from the evidence's author.</summary>
public sealed class ManualVerification : ItemVerification
{
    public ManualVerification(IEnumerable<EvidenceKind> evidence, SignoffRole signoff, bool fourEyes)
    {
        var kinds = evidence.Distinct().ToArray();
        if (kinds.Length == 0)
        {
            throw new ArgumentException("A manual item needs at least one kind of evidence.", nameof(evidence));
        }
        Evidence = Array.AsReadOnly(kinds);
        Signoff = signoff;
        FourEyes = fourEyes;
    }

    public IReadOnlyList<EvidenceKind> Evidence { get; }
    public SignoffRole Signoff { get; }
    public bool FourEyes { get; }
}

internal static class ParameterTypeNames
{
    public static string Describe(ProbeParameterType type) => type switch
    {
        ProbeParameterType.Integer => "a whole number (0 or more)",
        ProbeParameterType.Boolean => "true or false",
        ProbeParameterType.String => "a string",
        ProbeParameterType.StringList => "a list of strings",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
