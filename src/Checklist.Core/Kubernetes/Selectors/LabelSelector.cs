using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes.Selectors;

/// <summary>
/// A Kubernetes label selector. The two "empty" cases differ on purpose, as in Kubernetes: a selector with
/// no requirements (<c>{}</c> in a PodDisruptionBudget or a NetworkPolicy podSelector) matches every object,
/// while a missing selector matches none (<see cref="Nothing"/>).
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing, string? problem)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
        Problem = problem;
    }

    public static LabelSelector Everything { get; } = new([], false, null);
    public static LabelSelector Nothing { get; } = new([], true, null);

    public IReadOnlyList<LabelRequirement> Requirements { get; }
    /// <summary>True for a missing selector (or one that could not be read): it selects no object.</summary>
    public bool MatchesNothing { get; }
    /// <summary>True for <c>{}</c>: it selects every object.</summary>
    public bool MatchesEverything => !MatchesNothing && Requirements.Count == 0;
    /// <summary>Why the selector could not be read (an unknown operator, say); such a selector matches nothing.</summary>
    public string? Problem { get; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (MatchesNothing) return false;
        foreach (var requirement in Requirements)
            if (!requirement.Matches(labels)) return false;
        return true;
    }

    /// <summary>
    /// A metav1.LabelSelector (<c>matchLabels</c> and <c>matchExpressions</c>), as used by Deployments,
    /// PodDisruptionBudgets (policy/v1), NetworkPolicies and affinity terms: null matches nothing, <c>{}</c> everything.
    /// </summary>
    public static LabelSelector FromLabelSelector(JsonNode? node)
    {
        if (node is not JsonObject selector) return Nothing;
        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
            foreach (var (key, value) in matchLabels)
                requirements.Add(new LabelRequirement(key, SelectorOperator.In, [ScalarText(value)]));
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions)
            {
                var key = (expression?["key"] as JsonValue)?.ToString();
                var op = (expression?["operator"] as JsonValue)?.ToString();
                var values = (expression?["values"] as JsonArray)?.Select(ScalarText).ToList() ?? [];
                if (string.IsNullOrEmpty(key))
                    return new([], true, "a matchExpressions entry has no key");
                SelectorOperator? parsed = op switch
                {
                    "In" => SelectorOperator.In,
                    "NotIn" => SelectorOperator.NotIn,
                    "Exists" => SelectorOperator.Exists,
                    "DoesNotExist" => SelectorOperator.DoesNotExist,
                    _ => null,
                };
                if (parsed is null) return new([], true, $"unknown operator '{op}' on key '{key}'");
                try { requirements.Add(new LabelRequirement(key, parsed.Value, values)); }
                catch (ArgumentException e) { return new([], true, e.Message); }
            }
        }
        return new(requirements, false, null);
    }

    /// <summary>
    /// A plain map selector as on a Service or ReplicationController (<c>spec.selector</c>): a missing or empty map
    /// selects nothing (a Service without a selector has its endpoints managed by hand).
    /// </summary>
    public static LabelSelector FromMap(JsonNode? node)
    {
        if (node is not JsonObject map || map.Count == 0) return Nothing;
        return new(map.Select(p => new LabelRequirement(p.Key, SelectorOperator.In, [ScalarText(p.Value)])).ToList(), false, null);
    }

    /// <summary>Parses the string syntax of kubectl's <c>--selector</c>: <c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>. An empty string selects everything.</summary>
    public static LabelSelector Parse(string text)
    {
        if (!TryParse(text, out var selector, out var error)) throw new FormatException(error);
        return selector;
    }

    public static bool TryParse(string text, out LabelSelector selector, out string? error)
    {
        var parser = new SelectorTextParser(text ?? "");
        var requirements = parser.ParseAll(out error);
        selector = requirements is null ? Nothing : new LabelSelector(requirements, false, null);
        return requirements is not null;
    }

    public override string ToString() =>
        MatchesNothing ? "<none>" : Requirements.Count == 0 ? "<everything>" : string.Join(",", Requirements);

    private static string ScalarText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
