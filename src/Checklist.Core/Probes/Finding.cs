using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes;

public enum FindingStatus { Passed, Failed, Exempted }

/// <summary>What a probe saw on one object (and container): passed, failed, or failed but exempted by an annotation.</summary>
public sealed class Finding
{
    public Finding(ObjectReference @object, string? container, string message, string? fix, bool ok, ObjectSource? source = null, string? exemption = null)
    {
        if (string.IsNullOrWhiteSpace(message)) throw new ArgumentException("A finding needs a message.", nameof(message));
        if (ok && exemption is not null) throw new ArgumentException("Only a failed finding can be exempted.", nameof(exemption));
        Object = @object ?? throw new ArgumentNullException(nameof(@object));
        Container = container;
        Message = message;
        Fix = ok ? null : fix;
        Ok = ok;
        Source = source;
        Exemption = exemption;
    }

    public ObjectReference Object { get; }
    public string? Container { get; }
    /// <summary>What the probe saw.</summary>
    public string Message { get; }
    /// <summary>How to fix it (failed findings only).</summary>
    public string? Fix { get; }
    public bool Ok { get; }
    /// <summary>The manifest file and line, when the object was read from manifests.</summary>
    public ObjectSource? Source { get; }
    /// <summary>The reason given in the object's <c>checklist.dev/exempt.&lt;probe-id&gt;</c> annotation; the failure then needs a waiver.</summary>
    public string? Exemption { get; }

    public bool IsExempted => Exemption is not null;
    public FindingStatus Status => Ok ? FindingStatus.Passed : IsExempted ? FindingStatus.Exempted : FindingStatus.Failed;

    public override string ToString() =>
        $"{Status.ToString().ToLowerInvariant()} {Object}{(Container is null ? "" : $" [{Container}]")}: {Message}";
}
