using System.Text.Json.Serialization;

namespace Checklist.Core.Runbooks;

/// <summary>How the release reaches the cluster. The runbook's deploy and rollback steps follow it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "method")]
[JsonDerivedType(typeof(HelmDeploy), "helm")]
[JsonDerivedType(typeof(KubectlApplyDeploy), "kubectl-apply")]
[JsonDerivedType(typeof(GitOpsDeploy), "gitops")]
public abstract record RunbookDeployMethod;

public sealed record HelmDeploy : RunbookDeployMethod
{
    public required string Release { get; init; }

    /// <summary>Chart reference as passed to helm, e.g. "oci://registry.example.com/charts/shop".</summary>
    public required string Chart { get; init; }
    public string? ChartVersion { get; init; }
    public required string Namespace { get; init; }
    public string? ValuesFile { get; init; }
}

public sealed record KubectlApplyDeploy : RunbookDeployMethod
{
    public required string BundleFile { get; init; }
}

public sealed record GitOpsDeploy : RunbookDeployMethod
{
    public required GitOpsTool Tool { get; init; }
    public required string Application { get; init; }

    /// <summary>Namespace the Argo CD Application or Flux Kustomization/HelmRelease lives in.</summary>
    public string? ToolNamespace { get; init; }
}

public enum GitOpsTool
{
    Argo,
    Flux,
}
