using Checklist.Core.Runbooks;
using Checklist.Core.Runs;

namespace Checklist.Web.Runs;

/// <summary>What the latest verification of a run found in its target, for the runbook: all of it optional.</summary>
public sealed record RunTargetFacts(
    RunbookFacts Facts,
    IReadOnlyList<RunbookImage> Images,
    string? ClusterName = null,
    string? ClusterServer = null);

/// <summary>
/// Finds the facts of a run's latest verification, or null when it has none. The default knows of none; the
/// verification feature registers its own (the last registration wins), and the runbook then uses them.
/// </summary>
public delegate Task<RunTargetFacts?> RunTargetFactsSource(Run run, CancellationToken ct);
