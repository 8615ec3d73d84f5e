namespace Checklist.Core.Probes;

/// <summary>
/// Error is not failure: Error means the probe could not judge (the cluster could not be read), and must
/// never be shown or counted as passed or failed.
/// </summary>
public enum ProbeVerdict { Passed, Failed, NotApplicable, Error }
