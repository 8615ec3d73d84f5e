namespace Checklist.Core.Kubernetes.Selectors;

public enum SelectorOperator { In, NotIn, Exists, DoesNotExist }

/// <summary>One requirement of a label selector; <c>a=b</c> is In with one value, <c>a!=b</c> NotIn with one value.</summary>
public sealed record LabelRequirement
{
    public LabelRequirement(string key, SelectorOperator op, IReadOnlyList<string>? values = null)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("A selector requirement needs a key.", nameof(key));
        values ??= [];
        if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
            throw new ArgumentException($"Operator {op} on '{key}' needs at least one value.", nameof(values));
        if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
            throw new ArgumentException($"Operator {op} on '{key}' takes no values.", nameof(values));
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }
    public SelectorOperator Operator { get; }
    public IReadOnlyList<string> Values { get; }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Operator switch
    {
        SelectorOperator.In => labels.TryGetValue(Key, out var v) && Values.Contains(v, StringComparer.Ordinal),
        // NotIn and != also match objects without the label, as in Kubernetes.
        SelectorOperator.NotIn => !labels.TryGetValue(Key, out var v) || !Values.Contains(v, StringComparer.Ordinal),
        SelectorOperator.Exists => labels.ContainsKey(Key),
        SelectorOperator.DoesNotExist => !labels.ContainsKey(Key),
        _ => false,
    };

    public override string ToString() => Operator switch
    {
        SelectorOperator.In when Values.Count == 1 => $"{Key}={Values[0]}",
        SelectorOperator.NotIn when Values.Count == 1 => $"{Key}!={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => $"!{Key}",
    };
}
