using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Runs;

/// <summary>Filters of the run list; blank values do not filter. <see cref="State"/> takes the API's state names or "open".</summary>
public sealed record RunListFilter(
    string? Service = null,
    string? Environment = null,
    string? State = null,
    string? Owner = null,
    DateTimeOffset? GoLiveFrom = null,
    DateTimeOffset? GoLiveTo = null);

public sealed record RunListRow(
    Guid Id, string TemplateId, string Service, string Version, string Environment, RunState State,
    DateTimeOffset? PlannedGoLive, string OwnerName, DateTimeOffset CreatedAt, int RequiredItems, int SatisfiedRequiredItems);

public sealed record RunListPage(IReadOnlyList<RunListRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record MyItemRow(
    Guid RunId, string Service, string Version, string Environment, string ItemId, string Title, RunItemState State,
    bool Required, DateTimeOffset? DueAt, DateTimeOffset? PlannedGoLive);

public sealed record UpcomingGoLive(Guid RunId, string Service, string Version, string Environment, RunState State,
    DateTimeOffset PlannedGoLive, int RequiredItems, int SatisfiedRequiredItems);

/// <summary>One line of an item's history as the run page shows it.</summary>
public sealed record HistoryRow(DateTimeOffset At, string ActorName, ItemAction Action, RunItemState FromState, RunItemState ToState, string? Detail);

/// <summary>
/// What the run page shows: the run with items, waivers and decisions (what the gate and the actions read), and the
/// evidence and history of every item by item id, each read with one query of its own.
/// </summary>
public sealed record RunPageData(Run Run, ILookup<string, Evidence> Evidence, ILookup<string, HistoryRow> History);

public sealed record DashboardData(IReadOnlyDictionary<RunState, int> OpenRunsByState, IReadOnlyList<UpcomingGoLive> Upcoming, int MyOpenItems);

/// <summary>The reads of runs: no tracking, one query per collection, projections where a list needs only a few columns.</summary>
public sealed class RunQueries(ChecklistDbContext db)
{
    public const int DefaultPageSize = 25;
    public const int UpcomingDays = 14;

    private static readonly RunState[] OpenStates = [RunState.Draft, RunState.InProgress, RunState.Decided];
    private static readonly RunItemState[] OpenItemStates = [RunItemState.Pending, RunItemState.Failed, RunItemState.Error];

    /// <summary>The run with items, evidence, waivers and decisions (not the items' history); null when there is no such run.</summary>
    public Task<Run?> FindAsync(Guid id, CancellationToken ct) =>
        db.Runs.AsNoTracking().ForChange().SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>
    /// The run page's data in five queries (run, items, waivers, decisions, evidence, history). Including evidence and
    /// history in the run's graph costs several times more: the joins are ordered per collection and every row is
    /// fixed up to its item, while the page only needs them grouped by item.
    /// </summary>
    public async Task<RunPageData?> PageAsync(Guid id, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking()
            .Include(r => r.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Waivers.OrderBy(w => w.RequestedAt))
            .Include(r => r.Decisions.OrderBy(d => d.DecidedAt))
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return null;
        var evidence = await (
            from e in db.Evidence.AsNoTracking()
            join i in db.RunItems.AsNoTracking() on EF.Property<Guid>(e, "RunItemId") equals i.Id
            where EF.Property<Guid>(i, "RunId") == id
            orderby e.AddedAt
            select new { i.ItemId, Evidence = e }).ToListAsync(ct);
        var history = await (
            from e in db.ItemEvents.AsNoTracking()
            join i in db.RunItems.AsNoTracking() on EF.Property<Guid>(e, "RunItemId") equals i.Id
            where EF.Property<Guid>(i, "RunId") == id
            orderby e.At descending
            select new { i.ItemId, Row = new HistoryRow(e.At, e.ActorName, e.Action, e.FromState, e.ToState, e.Detail) }).ToListAsync(ct);
        return new RunPageData(run, evidence.ToLookup(x => x.ItemId, x => x.Evidence), history.ToLookup(x => x.ItemId, x => x.Row));
    }

    /// <summary>The gate now, reading only item states and waivers; null when there is no such run.</summary>
    public async Task<GateEvaluation?> GateAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().ForGate().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run?.EvaluateGate(now);
    }

    public Task<RunDeployment?> DeploymentAsync(Guid id, CancellationToken ct) =>
        db.RunDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.RunId == id, ct);

    /// <exception cref="RuleViolationException">The state filter is not a state name.</exception>
    public async Task<RunListPage> ListAsync(RunListFilter filter, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        var query = db.Runs.AsNoTracking();
        if (Blank(filter.Service) is { } service) query = query.Where(r => r.Service == service);
        if (Blank(filter.Environment) is { } environment) query = query.Where(r => r.Environment == environment);
        if (Blank(filter.Owner) is { } owner) query = query.Where(r => r.OwnerName == owner || r.OwnerId == owner);
        if (Blank(filter.State) is { } stateName)
        {
            var states = ParseStates(stateName);
            query = query.Where(r => states.Contains(r.State));
        }
        if (filter.GoLiveFrom is { } from) query = query.Where(r => r.PlannedGoLive >= from);
        if (filter.GoLiveTo is { } to) query = query.Where(r => r.PlannedGoLive <= to);

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(r => r.CreatedAt)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(r => new RunListRow(r.Id, r.TemplateId, r.Service, r.ReleaseVersion, r.Environment, r.State, r.PlannedGoLive,
                r.OwnerName, r.CreatedAt,
                r.Items.Count(i => i.Required),
                r.Items.Count(i => i.Required && (i.State == RunItemState.Passed || i.State == RunItemState.SignedOff
                                                  || i.State == RunItemState.NotApplicable || i.State == RunItemState.Waived))))
            .ToListAsync(ct);
        return new RunListPage(rows, total, page, pageSize);
    }

    /// <summary>Open items (pending, failed, error) assigned to a user in runs still open for work, soonest due first.</summary>
    public async Task<IReadOnlyList<MyItemRow>> MyItemsAsync(string userId, CancellationToken ct)
    {
        var rows = await MyItemsQuery(userId)
            .Select(x => new MyItemRow(x.Run.Id, x.Run.Service, x.Run.ReleaseVersion, x.Run.Environment, x.Item.ItemId, x.Item.Title,
                x.Item.State, x.Item.Required, x.Item.DueAt, x.Run.PlannedGoLive))
            .ToListAsync(ct);
        // Undated items last; ordered in memory because "nulls last" is spelled differently by the two databases.
        return rows.OrderBy(r => r.DueAt is null).ThenBy(r => r.DueAt).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
    }

    public async Task<DashboardData> DashboardAsync(string userId, DateTimeOffset now, CancellationToken ct)
    {
        var counts = await db.Runs.AsNoTracking()
            .Where(r => OpenStates.Contains(r.State))
            .GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var until = now.AddDays(UpcomingDays);
        var upcoming = await db.Runs.AsNoTracking()
            .Where(r => OpenStates.Contains(r.State) && r.PlannedGoLive >= now && r.PlannedGoLive <= until)
            .OrderBy(r => r.PlannedGoLive)
            .Take(50)
            .Select(r => new UpcomingGoLive(r.Id, r.Service, r.ReleaseVersion, r.Environment, r.State, r.PlannedGoLive!.Value,
                r.Items.Count(i => i.Required),
                r.Items.Count(i => i.Required && (i.State == RunItemState.Passed || i.State == RunItemState.SignedOff
                                                  || i.State == RunItemState.NotApplicable || i.State == RunItemState.Waived))))
            .ToListAsync(ct);
        var mine = await MyItemsQuery(userId).CountAsync(ct);
        return new DashboardData(
            OpenStates.ToDictionary(s => s, s => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0),
            upcoming, mine);
    }

    /// <summary>The run's audit events in chain order; null when there is no such run.</summary>
    public async Task<IReadOnlyList<AuditEvent>?> AuditAsync(Guid runId, CancellationToken ct)
    {
        if (!await db.Runs.AsNoTracking().AnyAsync(r => r.Id == runId, ct)) return null;
        return await db.AuditEvents.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Seq).ToListAsync(ct);
    }

    /// <summary>The distinct services, environments and owners, for the filter form's suggestions.</summary>
    public async Task<(IReadOnlyList<string> Services, IReadOnlyList<string> Environments, IReadOnlyList<string> Owners)> FilterValuesAsync(CancellationToken ct)
    {
        var services = await db.Runs.AsNoTracking().Select(r => r.Service).Distinct().OrderBy(s => s).Take(200).ToListAsync(ct);
        var environments = await db.Runs.AsNoTracking().Select(r => r.Environment).Distinct().OrderBy(s => s).Take(200).ToListAsync(ct);
        var owners = await db.Runs.AsNoTracking().Select(r => r.OwnerName).Distinct().OrderBy(s => s).Take(200).ToListAsync(ct);
        return (services, environments, owners);
    }

    /// <exception cref="RuleViolationException">The name is not a run state.</exception>
    public static RunState[] ParseStates(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        if (trimmed == "open") return OpenStates;
        foreach (var state in Enum.GetValues<RunState>())
            if (state.ToApiName() == trimmed) return [state];
        throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid,
            $"'{name}' is not a run state; use open, {string.Join(", ", Enum.GetValues<RunState>().Select(s => s.ToApiName()))}");
    }

    private IQueryable<RunWithItem> MyItemsQuery(string userId) =>
        from item in db.RunItems.AsNoTracking()
        join run in db.Runs.AsNoTracking() on EF.Property<Guid>(item, "RunId") equals run.Id
        where item.AssigneeId == userId
              && (run.State == RunState.Draft || run.State == RunState.InProgress)
              && OpenItemStates.Contains(item.State)
        select new RunWithItem { Run = run, Item = item };

    private sealed class RunWithItem
    {
        public required Run Run { get; init; }
        public required RunItem Item { get; init; }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
