using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes;

/// <summary>One checklist item's request: which probe to run with which parameter values.</summary>
public sealed record ProbeRequest(string ItemId, string ProbeId, IReadOnlyDictionary<string, object?>? Arguments = null);

/// <summary>The result of one request.</summary>
public sealed record ProbeOutcome(string ItemId, string ProbeId, ProbeResult Result);

/// <summary>
/// Evaluates a verification's requests against one snapshot. A probe that throws, an unknown probe id or invalid
/// arguments give that item an Error verdict with the reason; the other items are still judged.
/// </summary>
public sealed class ProbeRunner
{
    public IReadOnlyList<ProbeOutcome> Run(ClusterSnapshot snapshot, IEnumerable<ProbeRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var outcomes = new List<ProbeOutcome>();
        foreach (var request in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(new ProbeOutcome(request.ItemId, request.ProbeId, RunOne(snapshot, request)));
        }
        return outcomes;
    }

    public ProbeResult RunOne(ClusterSnapshot snapshot, ProbeRequest request)
    {
        var probe = ProbeCatalog.Find(request.ProbeId);
        if (probe is null) return ProbeResult.Error(request.ProbeId, $"Unknown probe '{request.ProbeId}'.");
        var errors = ProbeArguments.Validate(probe.Definition, request.Arguments);
        if (errors.Count > 0) return ProbeResult.Error(probe.Id, "Invalid parameters: " + string.Join(" ", errors));
        try
        {
            return probe.Evaluate(snapshot, ProbeArguments.From(probe.Definition, request.Arguments));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A probe bug or an object shaped in a way nobody expected must not take the whole verification down.
            return ProbeResult.Error(probe.Id, $"The probe failed while judging: {e.GetType().Name}: {e.Message}");
        }
    }
}
