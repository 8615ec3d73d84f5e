namespace Checklist.Web.Runs;

/// <summary>
/// How the release is deployed. <c>kind</c>: <c>helm</c> (<c>name</c> is the release, <c>chart</c> required),
/// <c>kubectl-apply</c> (optional <c>bundleFile</c>) or <c>gitops</c> (<c>name</c> is the application, <c>tool</c> argo or flux).
/// </summary>
public sealed record DeployInput(
    string? Kind,
    string? Name = null,
    string? Chart = null,
    string? ChartVersion = null,
    string? ValuesFile = null,
    string? Tool = null,
    string? ToolNamespace = null,
    string? BundleFile = null);

/// <summary>What a release manager fills in to open a run; validated by Core and <see cref="RunService"/>.</summary>
public sealed record CreateRunCommand(
    string? TemplateId,
    string? Service,
    string? Version,
    string? Environment,
    Guid? ClusterId = null,
    string? Namespace = null,
    string? Selector = null,
    DateTimeOffset? PlannedGoLive = null,
    string? Owner = null,
    DeployInput? Deploy = null);

/// <summary>One piece of evidence to attach: a link, a note or an uploaded file; optionally replacing (superseding) an earlier one.</summary>
public sealed record EvidenceInput(string? Kind, string? Url = null, string? Text = null, EvidenceUpload? File = null, Guid? Supersedes = null);
