using System.Text.Json;
using System.Xml.Linq;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Cli;

public sealed class VerifyCommandTests : IDisposable
{
    private const string Unpinned = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          replicas: 1
          selector: {matchLabels: {app: shop}}
          template:
            metadata: {labels: {app: shop}}
            spec:
              containers:
                - name: web
                  image: nginx:latest
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("checklist-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<CliProcess.Result> VerifyAsync(params string[] extra) =>
        CliProcess.RunAsync(_dir, ["verify", "--templates", RepositoryPaths.Checklists, "--template", "kubernetes-production-readiness", .. extra]);

    [Fact]
    public async Task Verify_FailingManifests_Exits1WithTheJsonContract()
    {
        var manifests = Write("bundle/app.yaml", Unpinned);
        var result = await VerifyAsync("--manifests", manifests, "--namespace", "shop", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("kubernetes-production-readiness", root.GetProperty("template").GetString());
        Assert.Contains(manifests, root.GetProperty("source").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 25);
        foreach (var item in items)
        {
            Assert.Contains(item.GetProperty("verdict").GetString(), new[] { "passed", "failed", "not-applicable", "error" });
            Assert.False(string.IsNullOrEmpty(item.GetProperty("probe").GetString()));
            Assert.True(item.TryGetProperty("required", out _));
        }
        var pinned = items.Single(i => i.GetProperty("id").GetString() == "image-tag-pinned");
        Assert.Equal("failed", pinned.GetProperty("verdict").GetString());
        var finding = pinned.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("Deployment/shop/shop", finding.GetProperty("object").GetString());
        Assert.Equal("web", finding.GetProperty("container").GetString());
        Assert.Contains("latest", finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Verify_AllRequiredItemsPass_Exits0()
    {
        var templates = Write("templates/pinned-only.yaml", """
            title: Pinned images only
            description: One automated item.
            items:
              - id: images-pinned
                section: Containers
                title: Images are pinned
                guidance: Pin every image.
                sources: [best-practices#containerization]
                required: true
                probe: image-tag-pinned
            """);
        var manifests = Write("ok.yaml", Unpinned.Replace("nginx:latest", "nginx:1.27.3"));
        var result = await CliProcess.RunAsync(_dir, "verify", "--templates", Path.GetDirectoryName(templates)!, "--template", "pinned-only",
            "--manifests", manifests, "--namespace", "shop");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("[PASSED] images-pinned", result.Stdout);
    }

    [Fact]
    public async Task Verify_MalformedYaml_Exits2NamingFileLineAndColumn()
    {
        var manifests = Write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        var result = await VerifyAsync("--manifests", manifests);
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"broken\.yaml:\d+:\d+: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Verify_UnknownTemplate_Exits2ListingTheKnownOnes()
    {
        var manifests = Write("app.yaml", Unpinned);
        var result = await CliProcess.RunAsync(_dir, "verify", "--templates", RepositoryPaths.Checklists, "--template", "nope", "--manifests", manifests);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No template 'nope'", result.Stderr);
        Assert.Contains("kubernetes-production-readiness", result.Stderr);
    }

    [Fact]
    public async Task Verify_UnreachableCluster_Exits2AndPassesNothing()
    {
        var kubeconfig = Write("kubeconfig", """
            apiVersion: v1
            kind: Config
            current-context: dead
            clusters:
              - name: dead
                cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
            users:
              - name: me
                user: {token: abc}
            contexts:
              - name: dead
                context: {cluster: dead, user: me, namespace: shop}
            """);
        var result = await VerifyAsync("--kubeconfig", kubeconfig, "--namespace", "shop", "--format", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The cluster could not be read", result.Stderr);
        Assert.DoesNotContain("passed", result.Stdout);
    }

    [Fact]
    public async Task Verify_NeitherManifestsNorCluster_Exits2()
    {
        var result = await VerifyAsync();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--manifests", result.Stderr);
    }

    [Fact]
    public async Task Verify_JunitAndSarif_AreWellFormedAndWrittenToTheOutputFile()
    {
        var manifests = Write("app.yaml", Unpinned);
        var junit = Path.Combine(_dir, "report.xml");
        Assert.Equal(1, (await VerifyAsync("--manifests", manifests, "--format", "junit", "--output", junit)).ExitCode);
        var xml = XDocument.Load(junit);
        Assert.NotEmpty(xml.Descendants("testcase"));
        Assert.NotEmpty(xml.Descendants("failure"));

        var sarif = Path.Combine(_dir, "report.sarif");
        Assert.Equal(1, (await VerifyAsync("--manifests", manifests, "--format", "sarif", "--output", sarif)).ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task TemplatesValidate_RepositoryTemplates_Exits0()
    {
        var result = await CliProcess.RunAsync(_dir, "templates", "validate", RepositoryPaths.Checklists);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no errors", result.Stdout);
    }

    [Fact]
    public async Task TemplatesValidate_BrokenTemplate_Exits2WithFileLineColumn()
    {
        Write("broken/bad-one.yaml", "title: Bad\ndescription: x\nitems:\n  - id: a\n    section: S\n    title: T\n    guidance: g\n    sources: [nowhere#x]\n    required: true\n    probe: no-such-probe\n");
        var result = await CliProcess.RunAsync(_dir, "templates", "validate", Path.Combine(_dir, "broken"));
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"bad-one\.yaml:\d+:\d+: .*no-such-probe", result.Stderr);
    }
}
