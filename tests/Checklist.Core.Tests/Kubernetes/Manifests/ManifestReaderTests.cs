using System.Text.Json;
using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Kubernetes.Selectors;

namespace Checklist.Core.Tests.Kubernetes.Manifests;

public sealed class ManifestReaderTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Manifests");
    private static string Fixture(string name) => Path.Combine(Root, name);

    [Fact]
    public void Read_MultiDocumentYaml_ReadsEveryDocumentWithItsStartLine()
    {
        var result = ManifestReader.Read([Fixture("multi-document.yaml")], "shop");

        Assert.Empty(result.Errors);
        Assert.Equal(["ConfigMap/shop/settings", "Deployment/payments/api", "Namespace/shop"], result.Objects.Select(o => o.Reference));
        Assert.Equal([2, 12, 29], result.Objects.Select(o => o.Source!.Line));
        Assert.All(result.Objects, o => Assert.Equal(Fixture("multi-document.yaml"), o.Source!.File));
    }

    [Fact]
    public void Read_YamlScalars_KeepKubernetesTyping()
    {
        var deployment = ManifestReader.Read([Fixture("multi-document.yaml")], "shop").Objects.Single(o => o.Kind == "Deployment");
        var spec = deployment.Json["spec"]!;
        var labels = spec["template"]!["metadata"]!["labels"]!;

        Assert.Equal(JsonValueKind.Number, spec["replicas"]!.GetValueKind());
        Assert.Equal(3, JsonRead.Integer(spec["replicas"]));
        Assert.Equal(JsonValueKind.False, spec["paused"]!.GetValueKind());
        Assert.True(spec.AsObject().ContainsKey("minReadySeconds"));
        Assert.Null(spec["minReadySeconds"]);
        Assert.Equal("1.10", JsonRead.String(labels["version"]));
        Assert.Equal("true", JsonRead.String(labels["quoted-bool"]));
        Assert.Equal("line one\n", JsonRead.String(labels["literal"]));
        var configMap = ManifestReader.Read([Fixture("multi-document.yaml")], "shop").Objects.Single(o => o.Kind == "ConfigMap");
        Assert.Equal("8080", JsonRead.String(configMap.Json["data"]!["port"]));
    }

    [Fact]
    public void ReadText_PlainScalars_AreTypedAsKubectlTypesThem()
    {
        var yaml = "apiVersion: v1\nkind: X\nmetadata: {name: x}\nvalues: [12, -3, 1.5, true, False, null, ~, yes, 'yes', on, 0x1F, 0644, 1_000, 1e3, '7', abc, 08]\n";
        var values = (JsonArray)ManifestReader.ReadText(yaml, "x.yaml", null).Objects.Single().Json["values"]!;

        Assert.Equal("[12,-3,1.5,true,false,null,null,true,\"yes\",true,31,420,1000,1000,\"7\",\"abc\",8]", values.ToJsonString());
    }

    [Fact]
    public void Read_HelmTemplateOutput_NamesTheTemplateFromTheSourceComment()
    {
        var result = ManifestReader.Read([Fixture("helm-output.yaml")], "shop");

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["shop/templates/serviceaccount.yaml", "shop/templates/deployment.yaml", "shop/templates/clusterrole.yaml"],
            result.Objects.Select(o => o.Source!.File));
        Assert.Equal([3, 9, 17], result.Objects.Select(o => o.Source!.Line));
        Assert.All(result.Objects, o => Assert.Equal(Fixture("helm-output.yaml"), o.Source!.RenderedIn));
        Assert.Equal($"shop/templates/deployment.yaml (rendered at {Fixture("helm-output.yaml")}:9)", result.Objects[1].Source!.ToString());
    }

    [Fact]
    public void Read_ClusterScopedKinds_DoNotTakeTheRunNamespace()
    {
        var result = ManifestReader.Read([Fixture("helm-output.yaml"), Fixture("multi-document.yaml")], "shop");

        Assert.Null(result.Objects.Single(o => o.Kind == "ClusterRole").Namespace);
        Assert.Null(result.Objects.Single(o => o.Kind == "Namespace").Namespace);
        Assert.Equal("shop", result.Objects.Single(o => o.Name == "shop-api" && o.Kind == "Deployment").Namespace);
        Assert.Equal("payments", result.Objects.Single(o => o.Name == "api").Namespace);
    }

    [Fact]
    public void Read_WithoutRunNamespace_LeavesObjectsWithoutOne()
    {
        var result = ManifestReader.Read([Fixture("helm-output.yaml")], null);

        Assert.All(result.Objects, o => Assert.Null(o.Namespace));
    }

    [Fact]
    public void Read_YamlList_ExpandsItemsWithTheirLines()
    {
        var result = ManifestReader.Read([Fixture("list.yaml")], "shop");

        Assert.Empty(result.Errors);
        Assert.Equal(["Service/shop/first", "Service/shop/second"], result.Objects.Select(o => o.Reference));
        Assert.Equal([4, 8], result.Objects.Select(o => o.Source!.Line));
    }

    [Fact]
    public void Read_JsonList_ExpandsItemsWithTheirLines()
    {
        var result = ManifestReader.Read([Fixture("list.json")], "shop");

        Assert.Empty(result.Errors);
        Assert.Equal(["ConfigMap/shop/one", "ConfigMap/other/two"], result.Objects.Select(o => o.Reference));
        Assert.Equal([5, 10], result.Objects.Select(o => o.Source!.Line));
        Assert.Equal("3", JsonRead.String(result.Objects[1].Json["data"]!["replicas"]));
    }

    [Fact]
    public void Read_BrokenDocuments_ReportsEveryErrorWithLineAndColumnAndKeepsTheRest()
    {
        var result = ManifestReader.Read([Fixture("broken.yaml")], "shop");

        Assert.Equal(["good-before", "good-after"], result.Objects.Select(o => o.Name));
        Assert.Equal(2, result.Errors.Count);
        var syntax = result.Errors[0];
        Assert.Equal(Fixture("broken.yaml"), syntax.File);
        Assert.InRange(syntax.Line, 8, 10);
        Assert.True(syntax.Column > 0);
        Assert.DoesNotContain("Idx:", syntax.Message);
        var kindless = result.Errors[1];
        Assert.Equal(11, kindless.Line);
        Assert.Equal(1, kindless.Column);
        Assert.Contains("no kind", kindless.Message);
        Assert.StartsWith($"{Fixture("broken.yaml")}:11:1: ", kindless.ToString());
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndColumn()
    {
        var result = ManifestReader.Read([Fixture("broken.json")], "shop");

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.True(error.Column > 1);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void Read_Folder_ReadsManifestFilesRecursivelyInPathOrder()
    {
        var result = ManifestReader.Read([Fixture("bundle")], "shop");

        Assert.Empty(result.Errors);
        Assert.Equal(["a", "b", "c"], result.Objects.Select(o => o.Name));
        Assert.Equal(3, result.Files.Count);
        Assert.DoesNotContain(result.Files, f => f.EndsWith(".txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingPath_IsAnErrorNotAnException()
    {
        var result = ManifestReader.Read([Fixture("does-not-exist.yaml")], "shop");

        var error = Assert.Single(result.Errors);
        Assert.Contains("no such file", error.Message);
    }

    [Fact]
    public void ReadText_DocumentThatIsNotAMapping_IsReported()
    {
        var result = ManifestReader.ReadText("- a\n- b\n", "upload.yaml", "shop");

        var error = Assert.Single(result.Errors);
        Assert.Equal("upload.yaml", error.File);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void ReadText_DuplicateKey_IsReportedAtTheKey()
    {
        var result = ManifestReader.ReadText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n", "dup.yaml", "shop");

        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.Contains("name", error.Message);
    }

    [Fact]
    public void ToSnapshot_FromManifests_HasManifestOriginAndUnknownGroups()
    {
        var taken = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
        var snapshot = ManifestReader.Read([Fixture("multi-document.yaml")], "shop").ToSnapshot(taken);

        Assert.Equal(SnapshotOrigin.Manifests, snapshot.Origin);
        Assert.Null(snapshot.ServedGroups);
        Assert.Equal("shop", snapshot.TargetNamespace);
        Assert.Equal(taken, snapshot.TakenAt);
        Assert.Equal(3, snapshot.Objects.Count);
    }

    [Fact]
    public void ToSnapshot_WithSelector_KeepsOnlyMatchingObjects()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: shop}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {app: other}}\n";
        var snapshot = ManifestReader.ReadText(yaml, "x.yaml", "shop").ToSnapshot(DateTimeOffset.UnixEpoch, LabelSelector.Parse("app=shop"));

        Assert.Equal("a", Assert.Single(snapshot.Objects).Name);
    }

    [Fact]
    public void ReadText_NumericName_IsReportedInsteadOfThrown()
    {
        var result = ManifestReader.ReadText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n", "num.yaml", "shop");

        var error = Assert.Single(result.Errors);
        Assert.Contains("metadata.name must be a string", error.Message);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void ReadText_AnchorsAndAliases_AreExpanded()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &common {team: shop}\n  annotations: *common\n";
        var obj = ManifestReader.ReadText(yaml, "anchors.yaml", "shop").Objects.Single();

        Assert.Equal("shop", obj.Labels["team"]);
        Assert.Equal("shop", obj.Annotations["team"]);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: *missing\n", 5, "unknown anchor")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  <<: {team: shop}\n", 5, "merge keys")]
    public void ReadText_UnsupportedYaml_IsReportedWithItsLine(string yaml, int line, string message)
    {
        var error = Assert.Single(ManifestReader.ReadText(yaml, "odd.yaml", "shop").Errors);

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ReadText_JsonWithDuplicateKeys_IsReportedNotThrown()
    {
        var json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"ConfigMap\",\n  \"kind\": \"Secret\",\n  \"metadata\": {\"name\": \"a\"}\n}\n";

        var result = ManifestReader.ReadText(json, "dup.json", "shop");

        var error = Assert.Single(result.Errors);
        Assert.Equal("dup.json", error.File);
        Assert.Contains("kind", error.Message);
    }
}
