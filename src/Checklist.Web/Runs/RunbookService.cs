using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Runs;

/// <summary>A run's runbook as shown and downloaded: frozen at a go decision, or rendered live before one.</summary>
public sealed record RunbookView(RunbookDocument Document, bool Frozen, DateTimeOffset? FrozenAt);

/// <summary>Renders a run's runbook through the one shared <see cref="RunbookRenderer"/>, or returns the frozen one.</summary>
public sealed class RunbookService(RunbookRenderer renderer, RunbookOptions options, ChecklistDbContext db, RunTargetFactsSource facts)
{
    /// <summary>Renders the run as it is now (the run must be loaded with items, evidence, waivers and decisions).</summary>
    /// <exception cref="RunbookTemplateException">A template fails to render; the message names the file.</exception>
    public async Task<RunbookDocument> RenderAsync(Run run, DateTimeOffset at, CancellationToken ct)
    {
        var deployment = await db.RunDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.RunId == run.Id, ct);
        var targetFacts = await facts(run, ct);
        return renderer.Render(RunbookDataMapper.Map(run, deployment, targetFacts, options.For(run.Service)), at);
    }

    /// <summary>
    /// The frozen runbook when the current decision is a go with one (exactly the stored text), else a live render.
    /// Null when there is no such run.
    /// </summary>
    public async Task<RunbookView?> ForRunAsync(Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        var frozen = await db.Decisions.AsNoTracking()
            .Where(d => EF.Property<Guid>(d, "RunId") == runId)
            .OrderByDescending(d => d.DecidedAt)
            .Select(d => new { d.Outcome, d.RunbookMarkdown, d.RunbookFrozenAt })
            .FirstOrDefaultAsync(ct);
        if (frozen is { Outcome: GateDecision.Go, RunbookMarkdown: { } markdown })
            return new RunbookView(new RunbookDocument(markdown), true, frozen.RunbookFrozenAt);

        var run = await db.Runs.AsNoTracking().ForChange().SingleOrDefaultAsync(r => r.Id == runId, ct);
        return run is null ? null : new RunbookView(await RenderAsync(run, now, ct), false, null);
    }

    /// <summary>The same for a run already loaded (with items, evidence, waivers and decisions), without reading it again.</summary>
    public async Task<RunbookView> ForLoadedRunAsync(Run run, DateTimeOffset now, CancellationToken ct) =>
        run.CurrentDecision is { Outcome: GateDecision.Go, RunbookMarkdown: { } markdown } decision
            ? new RunbookView(new RunbookDocument(markdown), true, decision.RunbookFrozenAt)
            : new RunbookView(await RenderAsync(run, now, ct), false, null);
}
