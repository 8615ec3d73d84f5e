using Checklist.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Runs;

/// <summary>
/// How a run is loaded to be changed. Collections are ordered as Core expects them (items by position,
/// decisions in the order recorded: the last one counts) and read with one query each.
/// </summary>
public static class RunLoading
{
    /// <summary>
    /// The run with everything its rules read: items, evidence, waivers and decisions. Item history is left out:
    /// no rule reads it, it only grows (new events are added to the empty list and inserted), and it is the
    /// largest collection by far.
    /// </summary>
    public static IQueryable<Run> ForChange(this IQueryable<Run> runs) => runs
        .Include(r => r.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Evidence.OrderBy(e => e.AddedAt))
        .Include(r => r.Items).ThenInclude(i => i.Waivers.OrderBy(w => w.RequestedAt))
        .Include(r => r.Decisions.OrderBy(d => d.DecidedAt))
        .AsSplitQuery();

    /// <summary>Everything, history included, for reads that show the whole run (export, runbook).</summary>
    public static IQueryable<Run> Whole(this IQueryable<Run> runs) => runs
        .Include(r => r.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Evidence.OrderBy(e => e.AddedAt))
        .Include(r => r.Items).ThenInclude(i => i.Waivers.OrderBy(w => w.RequestedAt))
        .Include(r => r.Items).ThenInclude(i => i.History.OrderBy(e => e.At))
        .Include(r => r.Decisions.OrderBy(d => d.DecidedAt))
        .AsSplitQuery();

    /// <summary>Just what the gate reads: item states and waivers.</summary>
    public static IQueryable<Run> ForGate(this IQueryable<Run> runs) => runs
        .Include(r => r.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Waivers.OrderBy(w => w.RequestedAt))
        .AsSplitQuery();
}
