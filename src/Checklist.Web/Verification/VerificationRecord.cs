namespace Checklist.Web.Verification;

public enum VerificationStatus { Queued, Running, Succeeded, Failed }

/// <summary>Manual: someone pressed verify (page or API); Scheduled: the re-verification sweep queued it.</summary>
public enum VerificationTrigger { Manual, Scheduled }

public enum VerificationSource { Cluster, Manifests }

/// <summary>
/// One verification of a run: queued by a person or the schedule, run by the VerifyRunJob, and kept with the full
/// report (every item's verdict and findings) and its SHA-256, which the items' probe evidence points at.
/// Failed means the target could not be read at all: its items then show Error with the reason.
/// </summary>
public sealed class VerificationRecord
{
    private VerificationRecord() { }

    public VerificationRecord(Guid runId, VerificationTrigger trigger, VerificationSource source, string target, Guid? clusterId, Guid? manifestBundleId,
        string requestedById, string requestedByName, DateTimeOffset queuedAt)
    {
        Id = Guid.NewGuid();
        RunId = runId;
        Trigger = trigger;
        Source = source;
        Target = target;
        ClusterId = clusterId;
        ManifestBundleId = manifestBundleId;
        RequestedById = requestedById;
        RequestedByName = requestedByName;
        QueuedAt = queuedAt;
        Status = VerificationStatus.Queued;
    }

    public Guid Id { get; private set; }
    public Guid RunId { get; private set; }
    public VerificationStatus Status { get; private set; }
    public VerificationTrigger Trigger { get; private set; }
    public VerificationSource Source { get; private set; }
    /// <summary>What is read, in words: the cluster, namespace and selector, or the manifest bundle.</summary>
    public string Target { get; private set; } = "";
    public Guid? ClusterId { get; private set; }
    public Guid? ManifestBundleId { get; private set; }
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset QueuedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>How many times the job started on it: more than one means it was recovered after a crash.</summary>
    public int Attempts { get; private set; }
    public string? ServerAddress { get; private set; }
    public string? ServerVersion { get; private set; }
    /// <summary>Why the target could not be read (Failed), in the API client's words.</summary>
    public string? Error { get; private set; }
    public string? ReportJson { get; private set; }
    public string? ReportSha256 { get; private set; }
    /// <summary>What the snapshot showed about the target (workloads, revisions, volumes, services), for the runbook.</summary>
    public string? FactsJson { get; private set; }
    public int Passed { get; private set; }
    public int FailedItems { get; private set; }
    public int Errors { get; private set; }
    public int NotApplicable { get; private set; }
    /// <summary>Items that had passed and now fail.</summary>
    public int Regressions { get; private set; }

    public bool IsFinished => Status is VerificationStatus.Succeeded or VerificationStatus.Failed;

    public void Start(DateTimeOffset now)
    {
        if (IsFinished) throw new InvalidOperationException($"Verification {Id} is already {Status}.");
        Status = VerificationStatus.Running;
        StartedAt = now;
        Attempts++;
    }

    /// <summary>Records the outcome; <paramref name="error"/> set means the target could not be read (Failed).</summary>
    public void Finish(DateTimeOffset now, VerificationSummary summary, string? error)
    {
        Status = error is null ? VerificationStatus.Succeeded : VerificationStatus.Failed;
        FinishedAt = now;
        StartedAt ??= now;
        Error = error;
        ServerAddress = summary.ServerAddress;
        ServerVersion = summary.ServerVersion;
        ReportJson = summary.ReportJson;
        ReportSha256 = summary.ReportSha256;
        FactsJson = summary.FactsJson;
        Passed = summary.Passed;
        FailedItems = summary.Failed;
        Errors = summary.Errors;
        NotApplicable = summary.NotApplicable;
        Regressions = summary.Regressions;
    }

    /// <summary>The job could not even start (the scheduler refused the trigger, or the run disappeared).</summary>
    public void Abandon(DateTimeOffset now, string reason)
    {
        Status = VerificationStatus.Failed;
        FinishedAt = now;
        Error = reason;
    }
}

public sealed record VerificationSummary(
    string? ServerAddress, string? ServerVersion, string? ReportJson, string? ReportSha256, string? FactsJson,
    int Passed, int Failed, int Errors, int NotApplicable, int Regressions);
