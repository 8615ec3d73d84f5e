using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using Checklist.Web.Runs;

namespace Checklist.Web.Features.Runs;

/// <summary>Turns a loaded run into the run page's view model: sections in order, Markdown rendered, actions by role and state.</summary>
public static class RunPageBuilder
{
    public static RunPageViewModel Build(Run run, RunDeployment? deployment, RunbookView runbook, RunPermissions can,
        IReadOnlyList<UserOption> users, RunMessage? message, long maxFileBytes, DateTimeOffset now)
    {
        var open = run.State is RunState.Draft or RunState.InProgress;
        var sections = run.Items
            .GroupBy(i => i.Section)
            .Select(g => new SectionViewModel(g.Key.Length == 0 ? "Items" : g.Key, g.Select(i => Item(i, open, can, now)).ToList()))
            .ToList();
        var required = run.Items.Where(i => i.Required).ToList();
        return new RunPageViewModel(run, deployment, run.EvaluateGate(now), required.Count, required.Count(i => i.IsSatisfied(now)),
            sections, runbook, can, users, message, maxFileBytes, now);
    }

    private static ItemViewModel Item(RunItem item, bool open, RunPermissions can, DateTimeOffset now)
    {
        var replacedBy = item.Evidence.ToDictionary(e => e.Id);
        var evidence = item.Evidence
            .Select(e => new EvidenceViewModel(
                e,
                e.Kind is EvidenceKind.Note or EvidenceKind.Probe && e.Text is not null ? MarkdownRenderer.ToHtml(e.Text) : null,
                e.SizeBytes is { } size ? EvidenceOptions.FormatSize(size) : "",
                e.SupersededById is { } by && replacedBy.TryGetValue(by, out var replacement) ? replacement.Describe() : null))
            .ToList();
        var canChangeState = item.State is RunItemState.Pending or RunItemState.Failed or RunItemState.Error;
        var waiver = item.OpenWaiver;
        return new ItemViewModel(
            item,
            MarkdownRenderer.ToHtml(item.Guidance),
            item.IsSatisfied(now),
            item.IsOverdue(now),
            evidence,
            item.History.OrderByDescending(e => e.At).ToList(),
            CanAddEvidence: open && can.Work && item.Verification == VerificationKind.Manual,
            CanSignOff: open && item.State == RunItemState.Pending && can.CanSignOff(item),
            CanMarkNotApplicable: open && can.Work && canChangeState,
            CanRequestWaiver: open && can.Work && canChangeState && waiver is null,
            CanDecideWaiver: open && can.Manage && waiver is { Status: WaiverStatus.Requested },
            CanAssign: open && can.Manage);
    }
}
