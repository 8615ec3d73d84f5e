using Checklist.Core.Runs;
using Checklist.Web.Runs;

namespace Checklist.Web.Features.Runs;

/// <summary>Turns a loaded run into the run page's view model: sections in order, Markdown rendered, actions by role and state.</summary>
public static class RunPageBuilder
{
    /// <param name="markdown">Markdown to HTML through the one pipeline (cached by the caller).</param>
    public static RunPageViewModel Build(RunPageData data, RunDeployment? deployment, RunbookView runbook, RunPermissions can,
        IReadOnlyList<UserOption> users, RunMessage? message, long maxFileBytes, Func<string, string> markdown, DateTimeOffset now)
    {
        var run = data.Run;
        var open = run.State is RunState.Draft or RunState.InProgress;
        var sections = run.Items
            .GroupBy(i => i.Section)
            .Select(g => new SectionViewModel(g.Key.Length == 0 ? "Items" : g.Key,
                g.Select(i => Item(i, data.Evidence[i.ItemId].ToList(), data.History[i.ItemId].ToList(), open, can, markdown, now)).ToList()))
            .ToList();
        var required = run.Items.Where(i => i.Required).ToList();
        return new RunPageViewModel(run, deployment, run.EvaluateGate(now), required.Count, required.Count(i => i.IsSatisfied(now)),
            sections, runbook, can, users, message, maxFileBytes, now);
    }

    private static ItemViewModel Item(RunItem item, List<Evidence> itemEvidence, List<HistoryRow> history, bool open, RunPermissions can,
        Func<string, string> markdown, DateTimeOffset now)
    {
        var replacedBy = itemEvidence.ToDictionary(e => e.Id);
        var evidence = itemEvidence
            // Each verification replaces the last probe result; the history lists every one, so only the current one is shown.
            .Where(e => e.IsActive || e.Kind != EvidenceKind.Probe)
            .Select(e => new EvidenceViewModel(
                e,
                e.Kind is EvidenceKind.Note or EvidenceKind.Probe && e.Text is not null ? markdown(e.Text) : null,
                e.SizeBytes is { } size ? EvidenceOptions.FormatSize(size) : "",
                e.SupersededById is { } by && replacedBy.TryGetValue(by, out var replacement) ? replacement.Describe() : null))
            .ToList();
        var canChangeState = item.State is RunItemState.Pending or RunItemState.Failed or RunItemState.Error;
        var waiver = item.OpenWaiver;
        return new ItemViewModel(
            item,
            markdown(item.Guidance),
            item.IsSatisfied(now),
            item.IsOverdue(now),
            evidence,
            history,
            CanAddEvidence: open && can.Work && item.Verification == VerificationKind.Manual,
            CanSignOff: open && item.State == RunItemState.Pending && can.CanSignOff(item),
            CanMarkNotApplicable: open && can.Work && canChangeState,
            CanRequestWaiver: open && can.Work && canChangeState && waiver is null,
            CanDecideWaiver: open && can.Manage && waiver is { Status: WaiverStatus.Requested },
            CanAssign: open && can.Manage);
    }
}
