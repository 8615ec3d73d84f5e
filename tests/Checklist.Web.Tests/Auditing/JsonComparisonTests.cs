using Checklist.Web.Features.Audit;

namespace Checklist.Web.Tests.Auditing;

public sealed class JsonComparisonTests
{
    private static JsonChange MarkOf(IReadOnlyList<JsonLine> lines, string text) => lines.Single(l => l.Text.TrimEnd(',') == text).Change;

    [Fact]
    public void Compare_NoBefore_MarksEveryAfterLineAdded()
    {
        var result = JsonComparison.Compare(null, "{\"a\":1,\"b\":{\"c\":[true]}}");
        Assert.Empty(result.Before);
        Assert.All(result.After, l => Assert.Equal(JsonChange.Added, l.Change));
        Assert.Equal(["$"], result.ChangedPaths);
        Assert.Equal(["{", "  \"a\": 1,", "  \"b\": {", "    \"c\": [", "      true", "    ]", "  }", "}"], result.After.Select(l => l.Text));
    }

    [Fact]
    public void Compare_Identical_MarksNothing()
    {
        var result = JsonComparison.Compare("{\"a\":[1,2],\"b\":null}", "{\"b\":null,\"a\":[1,2]}");
        Assert.All(result.Before.Concat(result.After), l => Assert.Equal(JsonChange.None, l.Change));
        Assert.Empty(result.ChangedPaths);
    }

    [Fact]
    public void Compare_ValueOfAnotherKind_MarksTheWholeMemberChanged()
    {
        var result = JsonComparison.Compare("{\"x\":{\"y\":1},\"z\":2}", "{\"x\":[1],\"z\":2}");
        Assert.Equal(["$.x"], result.ChangedPaths);
        Assert.Equal(JsonChange.Changed, MarkOf(result.Before, "\"y\": 1".PadLeft(10)));
        Assert.Equal(JsonChange.Changed, MarkOf(result.After, "    1"));
        Assert.Equal(JsonChange.None, MarkOf(result.After, "  \"z\": 2"));
    }

    [Fact]
    public void Compare_Arrays_ComparedByPosition()
    {
        var result = JsonComparison.Compare("{\"l\":[1,2,3]}", "{\"l\":[1,5]}");
        Assert.Equal(["$.l[1]", "$.l[2]"], result.ChangedPaths);
        Assert.Equal(JsonChange.None, MarkOf(result.Before, "    1"));
        Assert.Equal(JsonChange.Changed, MarkOf(result.Before, "    2"));
        Assert.Equal(JsonChange.Removed, MarkOf(result.Before, "    3"));
        Assert.Equal(JsonChange.Changed, MarkOf(result.After, "    5"));
    }

    [Fact]
    public void Compare_TrueToFalse_IsAChangeNotAKindChange()
    {
        var result = JsonComparison.Compare("{\"on\":true}", "{\"on\":false}");
        Assert.Equal(["$.on"], result.ChangedPaths);
        Assert.Equal(JsonChange.Changed, MarkOf(result.After, "  \"on\": false"));
    }

    [Fact]
    public void Compare_EscapedText_IsShownReadable()
    {
        var result = JsonComparison.Compare(null, "{\"t\":\"\\u003Cb\\u003E caf\\u00E9\"}");
        Assert.Equal("  \"t\": \"<b> café\"", result.After[1].Text);
    }

    [Fact]
    public void Compare_NotJson_ShowsTheTextUnmarked()
    {
        var result = JsonComparison.Compare("not json\nsecond", null);
        Assert.Equal(["not json", "second"], result.Before.Select(l => l.Text));
        Assert.All(result.Before, l => Assert.Equal(JsonChange.None, l.Change));
    }

    [Fact]
    public void CssClass_PerChange_IsTheStylesheetsClass()
    {
        Assert.Equal("json-line json-changed", new JsonLine("x", JsonChange.Changed).CssClass);
        Assert.Equal("json-line json-added", new JsonLine("x", JsonChange.Added).CssClass);
        Assert.Equal("json-line json-removed", new JsonLine("x", JsonChange.Removed).CssClass);
        Assert.Equal("json-line", new JsonLine("x", JsonChange.None).CssClass);
    }
}
