using System.Text.Json;
using Checklist.Core.Probes;

namespace Checklist.Core.Tests.Probes;

public sealed class ProbeArgumentsTests
{
    private static ProbeDefinition Def(string id) => ProbeDefinitions.Find(id)!;

    [Fact]
    public void Defaults_NoValues_TakesTheDefinitionDefaults()
    {
        var arguments = ProbeArguments.Defaults(Def("replicas-min"));

        Assert.Equal(2, arguments.GetInt("min"));
    }

    [Fact]
    public void From_TypedAndTextValues_AreConverted()
    {
        var arguments = ProbeArguments.From(Def("security-context"), new Dictionary<string, object?> { ["requireReadOnlyRootFilesystem"] = "false" });
        var list = ProbeArguments.From(Def("labels-recommended"), new Dictionary<string, object?> { ["required"] = new List<object> { "team", "tier" } });
        var fromJson = ProbeArguments.From(Def("replicas-min"), new Dictionary<string, object?> { ["min"] = JsonDocument.Parse("3").RootElement });

        Assert.False(arguments.GetBool("requireReadOnlyRootFilesystem"));
        Assert.Equal(["team", "tier"], list.GetStringList("required"));
        Assert.Equal(3, fromJson.GetInt("min"));
    }

    [Fact]
    public void Validate_UnknownNameAndWrongType_ReportsBoth()
    {
        var errors = ProbeArguments.Validate(Def("replicas-min"), new Dictionary<string, object?> { ["minimum"] = 3, ["min"] = "three" });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("no parameter 'minimum'") && e.Contains("known: min"));
        Assert.Contains(errors, e => e.Contains("'min'") && e.Contains("an integer"));
    }

    [Theory]
    [InlineData("qos-class", "minClass", "Gold")]
    [InlineData("pod-security-admission", "minLevel", "strict")]
    public void Validate_ValueTheProbeCannotUse_IsAnError(string probe, string parameter, string value)
    {
        var errors = ProbeArguments.Validate(Def(probe), new Dictionary<string, object?> { [parameter] = value });

        Assert.Contains(value, Assert.Single(errors));
    }

    [Fact]
    public void Validate_StringWhereListExpected_IsAnError()
    {
        var errors = ProbeArguments.Validate(Def("labels-recommended"), new Dictionary<string, object?> { ["required"] = "team" });

        Assert.Contains("a list of strings", Assert.Single(errors));
    }

    [Fact]
    public void From_InvalidValues_ThrowsWithEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => ProbeArguments.From(Def("liveness-probe"), new Dictionary<string, object?> { ["x"] = 1 }));

        Assert.Contains("takes none", e.Message);
    }
}
