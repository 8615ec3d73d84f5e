namespace Checklist.Core.Kubernetes.Selectors;

/// <summary>A small hand-written parser for the label selector string syntax; errors name the character position.</summary>
internal sealed class SelectorTextParser(string text)
{
    private int _pos;

    public List<LabelRequirement>? ParseAll(out string? error)
    {
        error = null;
        var result = new List<LabelRequirement>();
        SkipSpaces();
        if (_pos >= text.Length) return result;
        while (true)
        {
            var requirement = ParseOne(out error);
            if (requirement is null) return null;
            result.Add(requirement);
            SkipSpaces();
            if (_pos >= text.Length) return result;
            if (text[_pos] != ',') { error = Fail("expected ',' between requirements"); return null; }
            _pos++;
            SkipSpaces();
        }
    }

    private LabelRequirement? ParseOne(out string? error)
    {
        error = null;
        if (Peek('!'))
        {
            _pos++;
            SkipSpaces();
            var negated = ReadToken();
            if (negated.Length == 0) { error = Fail("expected a label key after '!'"); return null; }
            return new LabelRequirement(negated, SelectorOperator.DoesNotExist);
        }
        var key = ReadToken();
        if (key.Length == 0) { error = Fail("expected a label key"); return null; }
        SkipSpaces();
        if (_pos >= text.Length || text[_pos] == ',') return new LabelRequirement(key, SelectorOperator.Exists);
        if (Peek("!=")) { _pos += 2; return Single(key, SelectorOperator.NotIn, out error); }
        if (Peek("==")) { _pos += 2; return Single(key, SelectorOperator.In, out error); }
        if (Peek('=')) { _pos += 1; return Single(key, SelectorOperator.In, out error); }
        var word = ReadToken();
        var op = word switch { "in" => SelectorOperator.In, "notin" => SelectorOperator.NotIn, _ => (SelectorOperator?)null };
        if (op is null) { error = Fail($"expected '=', '!=', 'in' or 'notin' after '{key}'"); return null; }
        SkipSpaces();
        if (!Peek('(')) { error = Fail($"expected '(' after '{word}'"); return null; }
        _pos++;
        var values = new List<string>();
        while (true)
        {
            SkipSpaces();
            var value = ReadToken();
            values.Add(value);
            SkipSpaces();
            if (Peek(',')) { _pos++; continue; }
            if (Peek(')')) { _pos++; break; }
            error = Fail("expected ',' or ')' in the value list");
            return null;
        }
        if (values.All(v => v.Length == 0)) { error = Fail($"'{key} {word}' needs at least one value"); return null; }
        return new LabelRequirement(key, op.Value, values);
    }

    private LabelRequirement? Single(string key, SelectorOperator op, out string? error)
    {
        error = null;
        SkipSpaces();
        var value = ReadToken();
        return new LabelRequirement(key, op, [value]);
    }

    private string ReadToken()
    {
        var start = _pos;
        while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not (',' or '=' or '!' or '(' or ')'))
            _pos++;
        return text[start.._pos];
    }

    private void SkipSpaces()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
    }

    private bool Peek(char c) => _pos < text.Length && text[_pos] == c;
    private bool Peek(string s) => string.CompareOrdinal(text, _pos, s, 0, s.Length) == 0;
    private string Fail(string message) => $"Invalid label selector '{text}' at position {_pos + 1}: {message}.";
}
