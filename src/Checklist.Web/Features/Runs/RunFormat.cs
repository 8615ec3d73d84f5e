using System.Globalization;
using Checklist.Core.Runs;

namespace Checklist.Web.Features.Runs;

/// <summary>How the run pages write times, states and names, in one place so every page agrees.</summary>
public static class RunFormat
{
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "not set";

    public static string Date(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    /// <summary>The value of a datetime-local input (read back as UTC).</summary>
    public static string InputValue(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    public static string InputValue(DateTime? at) => at?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    public static string State(RunState state) => state switch
    {
        RunState.InProgress => "in progress",
        _ => state.ToApiName(),
    };

    public static string State(RunItemState state) => state.ToApiName().Replace('-', ' ');

    public static string Action(ItemAction action) => action switch
    {
        ItemAction.ProbeResult => "probe result",
        ItemAction.EvidenceAdded => "evidence added",
        ItemAction.EvidenceSuperseded => "evidence replaced",
        ItemAction.SignedOff => "signed off",
        ItemAction.MarkedNotApplicable => "marked not applicable",
        ItemAction.WaiverRequested => "waiver requested",
        ItemAction.WaiverApproved => "waiver approved",
        ItemAction.WaiverRejected => "waiver rejected",
        ItemAction.WaiverExpired => "waiver expired",
        ItemAction.Assigned => "assigned",
        ItemAction.DueDateSet => "due date set",
        _ => "reopened",
    };

    public static string Deploy(DeployMethod method, Checklist.Web.Runs.RunDeployment? deployment) => method.Kind switch
    {
        DeployMethodKind.Helm => $"Helm release {method.Name}" + (deployment?.HelmChart is { } chart ? $" of {chart}" : "")
                                 + (deployment?.HelmChartVersion is { } version ? $" {version}" : ""),
        DeployMethodKind.GitOps => $"GitOps ({(deployment?.GitOpsTool?.ToString() ?? "Argo")}) application {method.Name}",
        _ => "kubectl apply" + (deployment?.BundleFile is { } bundle ? $" of {bundle}" : " of the manifest bundle"),
    };

    public static string Target(RunTarget target)
    {
        var parts = new List<string>();
        if (target.ClusterId is { } cluster) parts.Add($"cluster {cluster}");
        if (target.HasManifests) parts.Add("manifest bundle");
        if (target.Namespace is { } ns) parts.Add($"namespace {ns}");
        if (target.Selector is { } selector) parts.Add($"selector {selector}");
        return string.Join(", ", parts);
    }
}
