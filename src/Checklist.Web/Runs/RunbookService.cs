using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Checklist.Web.Runs;

/// <summary>A run's runbook as shown and downloaded: frozen at a go decision, or rendered live before one.</summary>
public sealed record RunbookView(RunbookDocument Document, bool Frozen, DateTimeOffset? FrozenAt);

/// <summary>Renders a run's runbook through the one shared <see cref="RunbookRenderer"/>, or returns the frozen one.</summary>
public sealed class RunbookService(RunbookRenderer renderer, RunbookOptions options, ChecklistDbContext db, RunTargetFactsSource facts, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions PreviewEntry = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

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

    /// <summary>
    /// The runbook for the run page: the frozen one when the current decision is a go with one, else a preview. Previews
    /// are kept per run version: every change of a run (verification results included) increments its RowVersion, so
    /// an unchanged run shows the preview rendered at its last change instead of reading and rendering it again.
    /// </summary>
    public async Task<RunbookView?> PreviewAsync(Guid runId, int rowVersion, Decision? currentDecision, DateTimeOffset now, CancellationToken ct)
    {
        if (currentDecision is { Outcome: GateDecision.Go, RunbookMarkdown: { } markdown } decision)
        {
            var frozen = cache.GetOrCreate(("runbook-frozen", decision.Id), entry =>
            {
                entry.SetOptions(PreviewEntry);
                return new RunbookDocument(markdown);
            })!;
            return new RunbookView(frozen, true, decision.RunbookFrozenAt);
        }
        var key = ("runbook-preview", runId, rowVersion);
        if (cache.TryGetValue(key, out RunbookDocument? document) && document is not null)
            return new RunbookView(document, false, null);
        var run = await db.Runs.AsNoTracking().ForChange().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return null;
        document = await RenderAsync(run, now, ct);
        // Keyed by the version read now: a change made in between gets its own entry.
        cache.Set(("runbook-preview", runId, run.RowVersion), document, PreviewEntry);
        return new RunbookView(document, false, null);
    }
}
