using Checklist.Core.Checklists;
using Checklist.Core.Kubernetes.Client;
using Checklist.Core.Kubernetes.Manifests;

namespace Checklist.Core.Tests;

/// <summary>
/// YamlDotNet fails on an unclosed flow sequence followed by another key with an exception that carries no position.
/// Every reader must still answer with an error that names the file and a line, never an unhandled exception.
/// </summary>
public sealed class YamlParserFailureTests
{
    private const string Unclosed = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata: x\n";

    [Fact]
    public void ManifestReader_UnclosedFlowSequence_ReportsAnErrorWithALine()
    {
        var result = ManifestReader.ReadText(Unclosed, "bundle.yaml", "shop");

        var error = Assert.Single(result.Errors);
        Assert.Equal("bundle.yaml", error.File);
        Assert.InRange(error.Line, 1, 5);
        Assert.Contains("not valid YAML", error.Message);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void KubeconfigReader_UnclosedFlowSequence_ThrowsKubeconfigExceptionWithALine()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeConnection.FromKubeconfigYaml("apiVersion: v1\nclusters: [unclosed\nusers: x\n", sourceName: "pasted"));

        Assert.Matches(@"^pasted:\d+:\d+: not valid YAML", error.Message);
    }

    [Fact]
    public void TemplateLoader_UnclosedFlowSequence_ReportsFileLineColumn()
    {
        var catalog = TemplateLoader.Load([new TemplateSource("checklists/broken.yaml", "title: T\nitems: [unclosed\ndescription: x\n")]);

        var error = Assert.Single(catalog.Errors);
        Assert.Equal("checklists/broken.yaml", error.File);
        Assert.True(error.Line >= 1);
        Assert.Contains("invalid YAML", error.Message);
    }
}
