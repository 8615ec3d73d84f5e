using System.Text.Json;
using System.Xml.Linq;
using Checklist.Core.Kubernetes;
using Checklist.Core.Probes;
using Checklist.Core.Probes.Reporting;

namespace Checklist.Core.Tests.Probes;

public sealed class ReportWriterTests
{
    private static readonly ObjectReference Api = new("Deployment", "shop", "api");

    private static VerificationReport Report(ProbeVerdict errorItemVerdict = ProbeVerdict.Error, bool failedRequired = true)
    {
        var failed = new ProbeResult("liveness-probe", ProbeVerdict.Failed, "1 of 2 finding(s) failed.",
        [
            new Finding(Api, "api", "has no livenessProbe", "Add a livenessProbe.", ok: false, new ObjectSource("charts/shop/templates/deploy ment.yaml", 12)),
            new Finding(new ObjectReference("Deployment", "shop", "worker"), "worker", "has a livenessProbe", null, ok: true, new ObjectSource("worker.yaml", 1)),
            new Finding(new ObjectReference("Deployment", "shop", "cron"), "cron", "has no livenessProbe", "Add one.", ok: false, new ObjectSource("shop/templates/cron.yaml", 40) { RenderedIn = "out/rendered.yaml" }),
        ]);
        var exempted = new ProbeResult("pdb-present", ProbeVerdict.Passed, "All passed. 1 exempted finding(s) need an approved waiver.",
            [new Finding(Api, null, "no PodDisruptionBudget <selects> | its pods", "Add a PDB.", ok: false, exemption: "singleton by design")]);
        var error = errorItemVerdict == ProbeVerdict.Error
            ? ProbeResult.Error("network-policy", "Cannot judge: NetworkPolicy could not be read (403).")
            : ProbeResult.NotApplicable("network-policy", "Nothing to judge.");
        return new VerificationReport("web-service", "manifests/", [
            new ReportItem("probes-live", "Liveness probes", failedRequired, failed),
            new ReportItem("pdb", "Disruption budget", true, exempted),
            new ReportItem("netpol", "Network policies", true, error),
            new ReportItem("quota", "Quota", false, ProbeResult.NotApplicable("resource-quota", "No namespace.")),
        ]);
    }

    [Fact]
    public void Json_Report_HasExactlyTheContractShape()
    {
        using var doc = JsonDocument.Parse(new JsonReportWriter().WriteToString(Report()));
        var root = doc.RootElement;

        Assert.Equal(["template", "source", "items"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("web-service", root.GetProperty("template").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal(["id", "title", "probe", "required", "verdict", "findings"], i.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["failed", "passed", "error", "not-applicable"], items.Select(i => i.GetProperty("verdict").GetString()));
        var failures = items[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, failures.Count);
        var finding = failures[0];
        Assert.Equal("Deployment/shop/api", finding.GetProperty("object").GetString());
        Assert.Equal("api", finding.GetProperty("container").GetString());
        Assert.Equal("has no livenessProbe", finding.GetProperty("message").GetString());
        var exempted = Assert.Single(items[1].GetProperty("findings").EnumerateArray());
        Assert.False(exempted.TryGetProperty("container", out _));
        Assert.StartsWith("exempted (singleton by design)", exempted.GetProperty("message").GetString());
        Assert.False(items[3].GetProperty("required").GetBoolean());
    }

    [Fact]
    public void Sarif_Report_IsSarif210WithFileLocationsAndSuppressions()
    {
        using var doc = JsonDocument.Parse(new SarifReportWriter().WriteToString(Report()));
        var run = doc.RootElement.GetProperty("runs")[0];

        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal("checklist", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("charts/shop/templates/deploy%20ment.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(12, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("error", results[0].GetProperty("level").GetString());
        var helm = results[1];
        Assert.Equal("shop/templates/cron.yaml", helm.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(helm.GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _));
        var rendered = helm.GetProperty("relatedLocations")[0].GetProperty("physicalLocation");
        Assert.Equal("out/rendered.yaml", rendered.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(40, rendered.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("singleton by design", results[2].GetProperty("suppressions")[0].GetProperty("justification").GetString());
        var invocation = run.GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains("403", invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["liveness-probe", "pdb-present", "network-policy", "resource-quota"], rules);
    }

    [Fact]
    public void JUnit_Report_IsWellFormedWithFailureErrorAndSkipped()
    {
        var text = new JUnitReportWriter().WriteToString(Report());
        var xml = XDocument.Parse(text);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text);
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("4", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", suite.Attribute("errors")!.Value);
        Assert.Equal("1", suite.Attribute("skipped")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Contains("Deployment/shop/api [api]", cases[0].Element("failure")!.Value);
        Assert.NotNull(cases[2].Element("error"));
        Assert.NotNull(cases[3].Element("skipped"));
    }

    [Fact]
    public void Text_Report_ShowsVerdictsLocationsFixesAndExitCode()
    {
        var text = new TextReportWriter().WriteToString(Report());

        Assert.Contains("[FAILED] probes-live: Liveness probes", text);
        Assert.Contains("Deployment/shop/api container api at charts/shop/templates/deploy ment.yaml:12: has no livenessProbe", text);
        Assert.Contains("fix: Add a livenessProbe.", text);
        Assert.Contains("[ERROR] netpol", text);
        Assert.Contains("exit code 2", text);
    }

    [Fact]
    public void Markdown_Report_EscapesUserTextAndTablesItems()
    {
        var text = new MarkdownReportWriter().WriteToString(Report());

        Assert.Contains("| Item | Probe | Required | Verdict | Summary |", text);
        Assert.Contains(@"no PodDisruptionBudget \<selects\> \| its pods", text);
        Assert.DoesNotContain("<selects>", text);
    }

    [Theory]
    [InlineData(ProbeVerdict.Error, true, 2)]
    [InlineData(ProbeVerdict.NotApplicable, true, 1)]
    [InlineData(ProbeVerdict.NotApplicable, false, 0)]
    public void ExitCode_RequiredItems_DecideTheCode(ProbeVerdict third, bool failedRequired, int expected)
    {
        Assert.Equal(expected, Report(third, failedRequired).ExitCode);
    }

    [Fact]
    public void For_UnknownFormat_NamesTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ReportWriter.For("yaml"));

        Assert.Contains("text, json, junit, sarif, markdown", e.Message);
        Assert.IsType<SarifReportWriter>(ReportWriter.For("SARIF"));
    }
}
