namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>A problem in a manifest file, located so that an editor can jump to it (line and column are 1-based).</summary>
public sealed record ManifestError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
