using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checklist.Core.Checklists;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Client;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Probes;
using Checklist.Core.Probes.Reporting;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Deploy;

/// <summary>The app's own manifests in deploy/ pass its own checklist, and say what the operations design says.</summary>
public sealed class DeployManifestsTests
{
    private const string TemplateId = "kubernetes-production-readiness";
    private static readonly string DeployFolder = Path.Combine(RepositoryPaths.Root, "deploy");

    [Fact]
    public async Task CliVerify_DeployFolderWithTheFullTemplate_ExitsZeroAndEveryRequiredItemPasses()
    {
        var result = await CliProcess.RunAsync(RepositoryPaths.Root,
            "verify", "--template", TemplateId, "--manifests", "deploy/", "--format", "json");

        var report = JsonNode.Parse(result.Stdout)!;
        var failures = Describe(report["items"]!.AsArray()
            .Where(i => i!["required"]!.GetValue<bool>() && i["verdict"]!.GetValue<string>() is not ("passed" or "not-applicable")));
        Assert.True(result.ExitCode == 0 && failures.Length == 0, $"exit {result.ExitCode}\n{failures}\n{result.Stderr}");
        // Not applicable only where the template says the item does not apply to this target, never as a way out.
        var notApplicable = report["items"]!.AsArray().Where(i => i!["verdict"]!.GetValue<string>() == "not-applicable").Select(i => i!["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(ItemsNotApplyingTo(Snapshot()), notApplicable);
        Assert.Equal(Template().Items.Count(i => i.Probe is not null), report["items"]!.AsArray().Count);
    }

    [Fact]
    public void CoreVerify_DeployFolder_EveryRequiredProbeItemPasses()
    {
        var report = TemplateVerifier.Verify(Template(), Snapshot());

        var notApplying = ItemsNotApplyingTo(Snapshot());
        var failing = report.Items.Where(i => i.Required && i.Verdict != ProbeVerdict.Passed && !notApplying.Contains(i.Id)).ToList();
        Assert.True(failing.Count == 0, string.Join("\n", failing.Select(i =>
            $"{i.Id} ({i.Probe}): {i.Verdict} - {i.Result.Summary}\n  " + string.Join("\n  ", i.Reported.Select(f => $"{f.Object} {f.Container}: {f.Message}")))));
        Assert.Equal(VerificationReport.ExitPassed, report.ExitCode);
        Assert.Contains(report.Items, i => i.Required && i.Verdict == ProbeVerdict.Passed);
    }

    [Fact]
    public void ClusterRole_GrantsGetAndListOnExactlyTheKindsTheProbesRead()
    {
        var role = Single("ClusterRole", "checklist-probe-reader");
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in role.Json["rules"]!.AsArray())
        {
            var verbs = rule!["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
            foreach (var group in rule["apiGroups"]!.AsArray().Select(g => g!.GetValue<string>()))
                foreach (var resource in rule["resources"]!.AsArray().Select(r => r!.GetValue<string>()))
                {
                    var name = group.Length == 0 ? resource : $"{resource}.{group}";
                    Assert.True(granted.Add(name), $"{name} is granted twice");
                    var expected = resource == "namespaces" ? new[] { "get" } : ["get", "list"];
                    Assert.True(expected.SequenceEqual(verbs), $"{name} is granted {string.Join(",", verbs)}; the probes need {string.Join(",", expected)} only");
                }
            Assert.Null(rule["nonResourceURLs"]);
            Assert.Null(rule["resourceNames"]);
        }
        var needed = KubeResources.ForProbes.Select(r => r.QualifiedName).Append(KubeResources.Namespaces.QualifiedName).Order().ToList();
        Assert.Equal(needed, granted.Order().ToList());

        var binding = Single("ClusterRoleBinding", "checklist-probe-reader");
        Assert.Equal("checklist-probe-reader", binding.Json["roleRef"]!["name"]!.GetValue<string>());
        var subject = Assert.Single(binding.Json["subjects"]!.AsArray())!;
        Assert.Equal(("ServiceAccount", "checklist", "checklist"),
            (subject["kind"]!.GetValue<string>(), subject["name"]!.GetValue<string>(), subject["namespace"]!.GetValue<string>()));
    }

    [Fact]
    public void Deployment_RunsSeveralRestrictedReplicasOnPostgres()
    {
        var deployment = Single("Deployment", "checklist");
        var pod = deployment.Json["spec"]!["template"]!["spec"]!;
        var container = Assert.Single(pod["containers"]!.AsArray())!;
        var config = Single("ConfigMap", "checklist-config").Json["data"]!;

        Assert.Equal("Postgres", config["Checklist__Database__Provider"]!.GetValue<string>());
        Assert.Contains(container["envFrom"]!.AsArray(), e => e!["configMapRef"]?["name"]?.GetValue<string>() == "checklist-config");
        Assert.Contains(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "ConnectionStrings__Checklist" && e["valueFrom"]?["secretKeyRef"] is not null);
        Assert.True(deployment.Json["spec"]!["replicas"]!.GetValue<int>() >= 2);
        Assert.Equal("restricted", Single("Namespace", "checklist").Labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/tmp");
        Assert.Equal("/healthz/live", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/healthz/ready", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/healthz/live", container["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());

        // The metrics port is the same number in the settings, the container and the scrape annotation, and the
        // Service (so the Ingress) never routes to it.
        var metricsPort = int.Parse(config["Checklist__Metrics__Port"]!.GetValue<string>());
        Assert.Contains(metricsPort.ToString(), config["ASPNETCORE_HTTP_PORTS"]!.GetValue<string>().Split(';'));
        Assert.Contains(container["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "metrics" && p["containerPort"]!.GetValue<int>() == metricsPort);
        Assert.Equal(metricsPort.ToString(), deployment.Json["spec"]!["template"]!["metadata"]!["annotations"]!["prometheus.io/port"]!.GetValue<string>());
        Assert.DoesNotContain(Single("Service", "checklist").Json["spec"]!["ports"]!.AsArray(), p => p!["targetPort"]!.ToString() is "metrics" or "9090");

        // The grace period covers the preStop sleep and the app's own shutdown timeout.
        var grace = pod["terminationGracePeriodSeconds"]!.GetValue<int>();
        var preStop = container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!.GetValue<int>();
        Assert.True(grace > preStop + int.Parse(config["Checklist__ShutdownTimeoutSeconds"]!.GetValue<string>()));
    }

    private static ChecklistTemplate Template()
    {
        var catalog = TemplateLoader.LoadDirectory(RepositoryPaths.Checklists);
        Assert.True(catalog.IsValid, string.Join("\n", catalog.Errors));
        return catalog.Find(TemplateId)!.Template;
    }

    private static ClusterSnapshot Snapshot()
    {
        var read = Read();
        return read.ToSnapshot(DateTimeOffset.UtcNow);
    }

    private static ManifestReadResult Read()
    {
        var read = ManifestReader.Read([DeployFolder], defaultNamespace: null);
        Assert.False(read.HasErrors, string.Join("\n", read.Errors));
        return read;
    }

    private static KubeObject Single(string kind, string name) =>
        Assert.Single(Read().Objects, o => o.Kind == kind && o.Name == name);

    private static List<string> ItemsNotApplyingTo(ClusterSnapshot snapshot) =>
        Template().Items.Where(i => i.Probe is not null && !AppliesWhenEvaluator.Holds(i.AppliesWhen, snapshot)).Select(i => i.Id).Order().ToList();

    private static string Describe(IEnumerable<JsonNode?> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            text.AppendLine($"{item!["id"]} ({item["probe"]}): {item["verdict"]}");
            foreach (var finding in item["findings"]!.AsArray())
                text.AppendLine($"  {finding!["object"]} {finding["container"]}: {finding["message"]}");
        }
        return text.ToString();
    }
}
