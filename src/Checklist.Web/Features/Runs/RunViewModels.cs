using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using Checklist.Web.Runs;

namespace Checklist.Web.Features.Runs;

public sealed record RunListViewModel(RunListPage Page, RunListFilter Filter, string? FilterError,
    IReadOnlyList<string> Services, IReadOnlyList<string> Environments, IReadOnlyList<string> Owners, bool CanCreate)
{
    /// <summary>The list's query string for another page, keeping the filters.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("service", Filter.Service);
        Add("environment", Filter.Environment);
        Add("state", Filter.State);
        Add("owner", Filter.Owner);
        Add("from", Filter.GoLiveFrom?.ToString("yyyy-MM-dd"));
        Add("to", Filter.GoLiveTo?.AddDays(-1).ToString("yyyy-MM-dd"));
        if (page > 1) query.Add($"page={page}");
        return "/runs" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}

public sealed record UserOption(string Id, string Name);

public sealed record TemplateOption(string Id, string Title, string ShortHash, int Items);

public sealed record CreateRunViewModel(
    CreateRunInput Input, IReadOnlyList<TemplateOption> Templates, IReadOnlyList<UserOption> Users, IReadOnlyList<ClusterOption> Clusters, string? Error);

public sealed record ClusterOption(Guid Id, string Name);

/// <summary>What the signed-in user may do on the run page; Core checks every action again (four-eyes included).</summary>
public sealed record RunPermissions(bool Manage, bool Work, Actor Actor)
{
    public static RunPermissions For(Actor actor) => new(
        actor.Has(Role.ReleaseManager) || actor.IsAdmin,
        actor.Has(Role.Engineer) || actor.Has(Role.ReleaseManager) || actor.IsAdmin,
        actor);

    public bool CanSignOff(RunItem item) =>
        item.Verification == VerificationKind.Manual
        && (Actor.IsAdmin || Actor.Has(item.SignoffRole == SignoffRole.ReleaseManager ? Role.ReleaseManager : Role.Engineer));
}

public sealed record EvidenceViewModel(Evidence Evidence, string? NoteHtml, string Size, string? ReplacedBy);

public sealed record ItemViewModel(
    RunItem Item,
    string GuidanceHtml,
    bool Satisfied,
    bool Overdue,
    IReadOnlyList<EvidenceViewModel> Evidence,
    IReadOnlyList<HistoryRow> History,
    bool CanAddEvidence,
    bool CanSignOff,
    bool CanMarkNotApplicable,
    bool CanRequestWaiver,
    bool CanDecideWaiver,
    bool CanAssign)
{
    public string Anchor => $"item-{Item.ItemId}";
    public bool AnyAction => CanAddEvidence || CanSignOff || CanMarkNotApplicable || CanRequestWaiver || CanDecideWaiver || CanAssign;
}

public sealed record SectionViewModel(string Title, IReadOnlyList<ItemViewModel> Items)
{
    public int Open => Items.Count(i => !i.Satisfied);
}

/// <summary>A message left by the last action (post-redirect-get), shown next to the item it concerns.</summary>
public sealed record RunMessage(string Text, bool IsError, string? ItemId);

public sealed record RunPageViewModel(
    Run Run,
    RunDeployment? Deployment,
    GateEvaluation Gate,
    int RequiredTotal,
    int RequiredSatisfied,
    IReadOnlyList<SectionViewModel> Sections,
    RunbookView Runbook,
    RunPermissions Can,
    IReadOnlyList<UserOption> Users,
    RunMessage? Message,
    long MaxFileBytes,
    DateTimeOffset Now)
{
    public bool ItemsChangeable => Run.State is RunState.Draft or RunState.InProgress;
    public bool CanDecide => Can.Manage && ItemsChangeable;
    public bool CanCancel => Can.Manage && Run.State is RunState.Draft or RunState.InProgress or RunState.Decided;
    public bool CanComplete => Can.Manage && Run.State == RunState.Decided && Run.CurrentDecision is { Stale: false };
    public bool CanReopen => Can.Manage && Run.State == RunState.Decided && Run.CurrentDecision is { Stale: true };
    public string Title => $"{Run.Service} {Run.ReleaseVersion} to {Run.Environment}";
    public RunbookDocument Document => Runbook.Document;
}

public sealed record MyItemsViewModel(IReadOnlyList<MyItemRow> Items, DateTimeOffset Now);
