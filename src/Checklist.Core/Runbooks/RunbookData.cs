namespace Checklist.Core.Runbooks;

/// <summary>
/// Everything a runbook is rendered from. The web app maps its run, the last probe snapshot and the
/// team's configuration into this; Core never reads a database or a cluster to render.
/// Optional facts may be missing: the templates then say plainly what is unknown and what to do instead.
/// </summary>
public sealed record RunbookData
{
    public required RunbookRelease Release { get; init; }

    /// <summary>How the release is rolled out; null when the run does not know yet.</summary>
    public RunbookDeployMethod? Deploy { get; init; }

    public IReadOnlyList<RunbookImage> Images { get; init; } = [];

    /// <summary>The go-live decision; null while none has been recorded.</summary>
    public RunbookDecision? Decision { get; init; }

    public IReadOnlyList<RunbookSection> Sections { get; init; } = [];

    public IReadOnlyList<RunbookWaiver> Waivers { get; init; } = [];

    public IReadOnlyList<RunbookContact> Contacts { get; init; } = [];

    public IReadOnlyList<RunbookEscalationStep> Escalation { get; init; } = [];

    /// <summary>What the probes found in the target; an empty object when nothing was read.</summary>
    public RunbookFacts Facts { get; init; } = new();

    public IReadOnlyList<RunbookMonitoringLink> Monitoring { get; init; } = [];

    public RunbookMaintenancePage? Maintenance { get; init; }

    public RunbookSchemaChange? SchemaChange { get; init; }

    /// <summary>Path that smoke tests request on every host and port-forward, e.g. "/healthz".</summary>
    public string SmokeTestPath { get; init; } = "/";
}

public sealed record RunbookRelease
{
    public required string Service { get; init; }
    public required string Version { get; init; }
    public required string Environment { get; init; }
    public string? ClusterName { get; init; }
    public string? ClusterServer { get; init; }
    public string? Namespace { get; init; }
    public string? RunId { get; init; }
    public required string TemplateId { get; init; }
    public required string TemplateVersionHash { get; init; }
    public DateTimeOffset? PlannedGoLive { get; init; }
    public DateTimeOffset? ActualGoLive { get; init; }
    public string? Owner { get; init; }
    public string? CreatedBy { get; init; }
}

public sealed record RunbookImage
{
    /// <summary>Image reference as deployed, e.g. "registry.example.com/shop/web:1.4.2".</summary>
    public required string Reference { get; init; }
    public string? Digest { get; init; }
    public string? Workload { get; init; }
    public string? Container { get; init; }
}

public sealed record RunbookContact
{
    public required string Name { get; init; }
    public required string Role { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

public sealed record RunbookEscalationStep
{
    public required int Level { get; init; }
    public required string Who { get; init; }

    /// <summary>How to reach them (phone, pager, channel).</summary>
    public string? Reach { get; init; }

    /// <summary>When to escalate to this level, e.g. "no answer within 15 minutes".</summary>
    public string? When { get; init; }
}

public sealed record RunbookMonitoringLink
{
    public required RunbookMonitoringKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
}

public enum RunbookMonitoringKind
{
    Dashboard,
    Alert,
    Logs,
    Other,
}

/// <summary>
/// How the maintenance page is switched on and off: either configured for the service or taken from
/// an item's evidence (<see cref="SourceItemId"/>).
/// </summary>
public sealed record RunbookMaintenancePage
{
    public required string Method { get; init; }
    public string? SwitchOnCommand { get; init; }
    public string? SwitchOffCommand { get; init; }
    public string? CheckUrl { get; init; }
    public string? SourceItemId { get; init; }
}

public sealed record RunbookSchemaChange
{
    public required string Note { get; init; }

    /// <summary>True when the change can be reverted by <see cref="RevertCommand"/>.</summary>
    public bool Reversible { get; init; }
    public string? RevertCommand { get; init; }
}
