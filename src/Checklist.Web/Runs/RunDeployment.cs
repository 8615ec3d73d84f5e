using Checklist.Core.Runbooks;
using Checklist.Core.Runs;

namespace Checklist.Web.Runs;

/// <summary>
/// The deployment details the runbook's commands need beyond Core's <see cref="DeployMethod"/> (kind and the
/// Helm release or GitOps application): the chart, the GitOps tool, the bundle file. Written once with the run.
/// </summary>
public sealed class RunDeployment
{
    private RunDeployment() { }

    public RunDeployment(Guid runId, string? helmChart, string? helmChartVersion, string? helmValuesFile,
        GitOpsTool? gitOpsTool, string? gitOpsNamespace, string? bundleFile)
    {
        RunId = runId;
        HelmChart = Blank(helmChart);
        HelmChartVersion = Blank(helmChartVersion);
        HelmValuesFile = Blank(helmValuesFile);
        GitOpsTool = gitOpsTool;
        GitOpsNamespace = Blank(gitOpsNamespace);
        BundleFile = Blank(bundleFile);
    }

    public Guid RunId { get; private set; }
    public string? HelmChart { get; private set; }
    public string? HelmChartVersion { get; private set; }
    public string? HelmValuesFile { get; private set; }
    public GitOpsTool? GitOpsTool { get; private set; }
    public string? GitOpsNamespace { get; private set; }
    public string? BundleFile { get; private set; }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
