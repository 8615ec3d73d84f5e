using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Tests.Probes;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Api = new() { ["app"] = "api", ["tier"] = "backend" };

    [Fact]
    public void FromLabelSelector_Empty_MatchesEverything()
    {
        var selector = LabelSelector.FromLabelSelector(new JsonObject());

        Assert.True(selector.MatchesEverything);
        Assert.True(selector.Matches(Api));
        Assert.True(selector.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void FromLabelSelector_Missing_MatchesNothing()
    {
        var selector = LabelSelector.FromLabelSelector(null);

        Assert.True(selector.MatchesNothing);
        Assert.False(selector.Matches(Api));
    }

    [Fact]
    public void FromMap_MissingOrEmpty_MatchesNothing()
    {
        Assert.False(LabelSelector.FromMap(null).Matches(Api));
        Assert.False(LabelSelector.FromMap(new JsonObject()).Matches(Api));
        Assert.True(LabelSelector.FromMap(JsonNode.Parse("""{"app":"api"}""")).Matches(Api));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"app":"api"}}""", true)]
    [InlineData("""{"matchLabels":{"app":"web"}}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["api","web"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["api"]}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["a"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"DoesNotExist"}]}""", false)]
    [InlineData("""{"matchLabels":{"app":"api"},"matchExpressions":[{"key":"tier","operator":"In","values":["frontend"]}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Like","values":["a"]}]}""", false)]
    public void FromLabelSelector_Requirements_MatchAsKubernetesDoes(string json, bool expected)
    {
        Assert.Equal(expected, LabelSelector.FromLabelSelector(JsonNode.Parse(json)).Matches(Api));
    }

    [Fact]
    public void FromLabelSelector_UnknownOperator_ExplainsTheProblem()
    {
        var selector = LabelSelector.FromLabelSelector(JsonNode.Parse("""{"matchExpressions":[{"key":"app","operator":"Like"}]}"""));

        Assert.True(selector.MatchesNothing);
        Assert.Contains("Like", selector.Problem);
    }

    [Theory]
    [InlineData("app=api", true)]
    [InlineData("app==api,tier=backend", true)]
    [InlineData("app!=api", false)]
    [InlineData("app in (web, api)", true)]
    [InlineData("app notin (api)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!zone,app=api", true)]
    [InlineData("", true)]
    public void Parse_StringSyntax_Matches(string text, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(text).Matches(Api));
    }

    [Theory]
    [InlineData("app=api,,tier")]
    [InlineData("app in api")]
    [InlineData("app in ()")]
    [InlineData("app > 3")]
    public void TryParse_BadSyntax_GivesPositionedError(string text)
    {
        Assert.False(LabelSelector.TryParse(text, out _, out var error));
        Assert.Contains("position", error);
        Assert.Throws<FormatException>(() => LabelSelector.Parse(text));
    }

    [Fact]
    public void SelectorIndex_Matching_FindsTheSameAsTryingEverySelector()
    {
        var selectors = new[]
        {
            LabelSelector.Parse("app=api"), LabelSelector.Parse("app in (api,web)"), LabelSelector.Parse("tier"),
            LabelSelector.Parse("app=web"), LabelSelector.Nothing, LabelSelector.Everything, LabelSelector.Parse("app!=api"),
        };
        var index = new SelectorIndex<int>(selectors.Select((s, i) => (s, i)));

        Assert.Equal([0, 1, 2, 5], index.Matching(Api));
        Assert.Equal(Enumerable.Range(0, selectors.Length).Where(i => selectors[i].Matches(Api)), index.Matching(Api));
    }
}
