using System.ComponentModel.DataAnnotations;

namespace Checklist.Web.Features.Runs;

public sealed class CreateRunInput
{
    [Display(Name = "Checklist template")]
    public string TemplateId { get; set; } = "";

    public string Service { get; set; } = "";

    public string Version { get; set; } = "";

    public string Environment { get; set; } = "";

    [Display(Name = "Cluster")]
    public Guid? ClusterId { get; set; }

    public string? Namespace { get; set; }

    [Display(Name = "Label selector")]
    public string? Selector { get; set; }

    /// <summary>Entered and shown in UTC.</summary>
    [Display(Name = "Planned go-live (UTC)")]
    public DateTime? PlannedGoLive { get; set; }

    public string? Owner { get; set; }

    /// <summary>kubectl-apply, helm, gitops-argo or gitops-flux.</summary>
    [Display(Name = "Deploy method")]
    public string DeployKind { get; set; } = "kubectl-apply";

    [Display(Name = "Helm release or GitOps application")]
    public string? DeployName { get; set; }

    [Display(Name = "Helm chart")]
    public string? HelmChart { get; set; }

    [Display(Name = "Chart version")]
    public string? HelmChartVersion { get; set; }

    [Display(Name = "Values file")]
    public string? HelmValuesFile { get; set; }

    [Display(Name = "GitOps tool namespace")]
    public string? GitOpsNamespace { get; set; }

    [Display(Name = "Manifest bundle file")]
    public string? BundleFile { get; set; }
}

/// <summary>
/// Every item form carries the item's RowVersion as the page showed it, so acting on a stale page is refused as a
/// concurrent change instead of silently acting on a state the person never saw.
/// </summary>
public abstract class ItemFormInput
{
    public int? Version { get; set; }
}

/// <summary>A link or a note from the run page; files go through the streaming upload instead.</summary>
public sealed class EvidenceFormInput : ItemFormInput
{
    public string? Kind { get; set; }
    public string? Url { get; set; }
    public string? Text { get; set; }
    public Guid? Supersedes { get; set; }
}

public sealed class CommentInput : ItemFormInput
{
    public string? Comment { get; set; }
}

public sealed class ReasonInput : ItemFormInput
{
    public string? Reason { get; set; }
}

public sealed class WaiverInput : ItemFormInput
{
    public string? Justification { get; set; }

    /// <summary>Entered in UTC.</summary>
    public DateTime? ExpiresAt { get; set; }
}

public sealed class AssignInput : ItemFormInput
{
    public string? UserId { get; set; }
}

public sealed class DecisionInput
{
    /// <summary>go or no-go.</summary>
    public string? Decision { get; set; }
    public string? Comment { get; set; }
}
