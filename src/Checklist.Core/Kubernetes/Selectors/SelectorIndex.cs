namespace Checklist.Core.Kubernetes.Selectors;

/// <summary>
/// Finds which of many selectors match a label set without trying every selector: each selector is filed under
/// one label pair it requires (an In requirement), so a lookup only tries selectors filed under the labels the
/// object carries, plus the few that require no specific pair. Keeps 10,000-object bundles away from n×m scans.
/// </summary>
public sealed class SelectorIndex<T>
{
    private readonly Dictionary<(string Key, string Value), List<int>> _byPair = new();
    private readonly List<int> _unindexed = [];
    private readonly List<(LabelSelector Selector, T Item)> _entries;

    public SelectorIndex(IEnumerable<(LabelSelector Selector, T Item)> entries)
    {
        _entries = entries.ToList();
        for (var i = 0; i < _entries.Count; i++)
        {
            var selector = _entries[i].Selector;
            if (selector.MatchesNothing) continue;
            var anchor = selector.Requirements.FirstOrDefault(r => r.Operator == SelectorOperator.In);
            if (anchor is null) { _unindexed.Add(i); continue; }
            foreach (var value in anchor.Values.Distinct(StringComparer.Ordinal))
            {
                if (!_byPair.TryGetValue((anchor.Key, value), out var list)) _byPair[(anchor.Key, value)] = list = [];
                list.Add(i);
            }
        }
    }

    /// <summary>The items whose selector matches the labels, in the order they were given.</summary>
    public IReadOnlyList<T> Matching(IReadOnlyDictionary<string, string> labels)
    {
        List<int>? found = null;
        foreach (var i in _unindexed)
            if (_entries[i].Selector.Matches(labels)) (found ??= []).Add(i);
        foreach (var (key, value) in labels)
        {
            if (!_byPair.TryGetValue((key, value), out var list)) continue;
            foreach (var i in list)
                if (found?.Contains(i) != true && _entries[i].Selector.Matches(labels)) (found ??= []).Add(i);
        }
        if (found is null) return [];
        found.Sort();
        return found.ConvertAll(i => _entries[i].Item);
    }
}
