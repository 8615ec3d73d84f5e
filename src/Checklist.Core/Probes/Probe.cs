using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes;

/// <summary>
/// One automatic check. A probe reads only the snapshot (never the API) and is stateless, so one instance serves
/// every run. The base class owns the rules every probe shares: a kind the probe reads that could not be read
/// makes the verdict Error (never a pass or failure by accident), and exemption annotations turn failures into
/// exempted findings.
/// </summary>
public abstract class Probe
{
    /// <summary>Objects carrying <c>checklist.dev/exempt.&lt;probe-id&gt;: "&lt;reason&gt;"</c> have their failures exempted.</summary>
    public const string ExemptionAnnotationPrefix = "checklist.dev/exempt.";

    protected Probe(string id)
    {
        Definition = ProbeDefinitions.Find(id) ?? throw new InvalidOperationException($"Probe '{id}' is not in ProbeDefinitions.");
    }

    public ProbeDefinition Definition { get; }
    public string Id => Definition.Id;

    public ProbeResult Evaluate(ClusterSnapshot snapshot, ProbeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Definition.Id != Id)
            throw new ArgumentException($"Arguments for probe '{arguments.Definition.Id}' were given to probe '{Id}'.", nameof(arguments));
        var unreadable = KindsRead(snapshot)
            .Select(kind => (Kind: kind, Reason: KindError(snapshot, kind)))
            .Where(k => k.Reason is not null)
            .ToList();
        if (unreadable.Count > 0)
            return ProbeResult.Error(Id, "Cannot judge: " + string.Join("; ", unreadable.Select(k => $"{k.Kind} could not be read ({k.Reason})")) + ".");
        return Judge(new ProbeContext(this, snapshot, SnapshotIndex.For(snapshot), arguments));
    }

    /// <summary>Problems with argument values beyond their type (an unknown level name, a negative count).</summary>
    public virtual IEnumerable<string> ValidateArguments(ProbeArguments arguments) => [];

    /// <summary>The kinds whose absence from <see cref="ClusterSnapshot.KindErrors"/> the verdict depends on.</summary>
    protected abstract IEnumerable<string> KindsRead(ClusterSnapshot snapshot);

    protected abstract ProbeResult Judge(ProbeContext context);

    /// <summary>
    /// KindErrors are keyed by kind ("Deployment"); the resource name ("deployments", "deployments.apps") is
    /// accepted too, so that a reader keyed either way cannot make a probe miss an unreadable kind.
    /// </summary>
    internal static string? KindError(ClusterSnapshot snapshot, string kind)
    {
        if (snapshot.KindErrors.Count == 0) return null;
        if (snapshot.KindErrors.TryGetValue(kind, out var reason)) return reason;
        var plural = Plural(kind);
        foreach (var (key, value) in snapshot.KindErrors)
        {
            var resource = key.Split('.')[0];
            if (resource.Equals(kind, StringComparison.OrdinalIgnoreCase) || resource.Equals(plural, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    private static string Plural(string kind)
    {
        var lower = kind.ToLowerInvariant();
        if (lower.EndsWith('y')) return lower[..^1] + "ies";
        if (lower.EndsWith('s')) return lower + "es";
        return lower + "s";
    }
}
