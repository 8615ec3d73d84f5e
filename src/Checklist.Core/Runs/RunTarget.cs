namespace Checklist.Core.Runs;

/// <summary>What a run verifies: a registered cluster (namespace, label selector) and/or an uploaded manifest bundle.</summary>
public sealed record RunTarget(Guid? ClusterId, string? Namespace, string? Selector, bool HasManifests)
{
    public static RunTarget Manifests(string? @namespace = null) => new(null, @namespace, null, true);

    public static RunTarget Cluster(Guid clusterId, string @namespace, string? selector = null) =>
        new(clusterId, @namespace, selector, false);
}

public enum DeployMethodKind { Helm, KubectlApply, GitOps }

/// <summary>How the release is deployed; <see cref="Name"/> is the Helm release or the GitOps application.</summary>
public sealed record DeployMethod(DeployMethodKind Kind, string? Name)
{
    public static DeployMethod Helm(string releaseName) => new(DeployMethodKind.Helm, Required(releaseName, "Helm release name"));

    public static DeployMethod KubectlApply() => new(DeployMethodKind.KubectlApply, null);

    public static DeployMethod GitOps(string applicationName) => new(DeployMethodKind.GitOps, Required(applicationName, "GitOps application name"));

    private static string Required(string value, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid, $"a {what} is required")
            : value.Trim();
}

/// <summary>Which environments ask for a four-eyes go-live decision when the web app's settings do not say.</summary>
public static class EnvironmentPolicy
{
    public static bool RequiresFourEyesByDefault(string environment) =>
        environment.Trim().Equals("production", StringComparison.OrdinalIgnoreCase)
        || environment.Trim().Equals("prod", StringComparison.OrdinalIgnoreCase);
}
