namespace Checklist.Core.Checklists;

/// <summary>One heading of a source document that checklist items may cite.</summary>
public sealed record SourceCitation(string Document, string Heading, string Citation);

/// <summary>
/// The headings of the two source documents the checklists are derived from (shared/source-documents).
/// An item's sources must be drawn from this list, so a typo in a citation is a template error instead of
/// a dead reference.
/// </summary>
public static class SourceCitations
{
    public const string BestPractices = "best-practices";
    public const string ProductionGrade = "production-grade";

    public static readonly IReadOnlyList<SourceCitation> All =
    [
        new SourceCitation(BestPractices, "Containerization", "best-practices#containerization"),
        new SourceCitation(BestPractices, "Use multi-stage builds", "best-practices#use-multi-stage-builds"),
        new SourceCitation(BestPractices, "Graceful Shutdown and Restart", "best-practices#graceful-shutdown-and-restart"),
        new SourceCitation(BestPractices, "Validate container image integrity", "best-practices#validate-container-image-integrity"),
        new SourceCitation(BestPractices, "Kubernetes Resources", "best-practices#kubernetes-resources"),
        new SourceCitation(BestPractices, "Configuration Management", "best-practices#configuration-management"),
        new SourceCitation(BestPractices, "Externalise all configuration", "best-practices#externalise-all-configuration"),
        new SourceCitation(BestPractices, "Health Checks with Readiness and Liveness Probes", "best-practices#health-checks-with-readiness-and-liveness-probes"),
        new SourceCitation(BestPractices, "Resources utilisation", "best-practices#resources-utilisation"),
        new SourceCitation(BestPractices, "Relica Count", "best-practices#relica-count"),
        new SourceCitation(BestPractices, "Labels and Selectors", "best-practices#labels-and-selectors"),
        new SourceCitation(BestPractices, "Statelessness", "best-practices#statelessness"),
        new SourceCitation(BestPractices, "Environment-Specific Configurations", "best-practices#environment-specific-configurations"),
        new SourceCitation(BestPractices, "Storage and Backup", "best-practices#storage-and-backup"),
        new SourceCitation(BestPractices, "Establish Backup and Restore Procedures", "best-practices#establish-backup-and-restore-procedures"),
        new SourceCitation(BestPractices, "Configure Persistent Storage", "best-practices#configure-persistent-storage"),
        new SourceCitation(BestPractices, "Scaling & Availability", "best-practices#scaling-availability"),
        new SourceCitation(BestPractices, "Scaling Policies", "best-practices#scaling-policies"),
        new SourceCitation(BestPractices, "Load Balancing", "best-practices#load-balancing"),
        new SourceCitation(BestPractices, "Configuring Pod Affinity and AntiAffinity", "best-practices#configuring-pod-affinity-and-antiaffinity"),
        new SourceCitation(BestPractices, "Observability", "best-practices#observability"),
        new SourceCitation(BestPractices, "Define Service Level Objectives (SLOs)", "best-practices#define-service-level-objectives-slos"),
        new SourceCitation(BestPractices, "Define Key Performance Indicators (KPIs)", "best-practices#define-key-performance-indicators-kpis"),
        new SourceCitation(BestPractices, "Monitoring and Alerting", "best-practices#monitoring-and-alerting"),
        new SourceCitation(BestPractices, "Enable Application Performance Monitoring", "best-practices#enable-application-performance-monitoring"),
        new SourceCitation(BestPractices, "Capacity Planning", "best-practices#capacity-planning"),
        new SourceCitation(BestPractices, "Tracing", "best-practices#tracing"),
        new SourceCitation(BestPractices, "Alerting and Notifications", "best-practices#alerting-and-notifications"),
        new SourceCitation(BestPractices, "Real-Time Monitoring and Dashboards", "best-practices#real-time-monitoring-and-dashboards"),
        new SourceCitation(BestPractices, "Testing and Validation", "best-practices#testing-and-validation"),
        new SourceCitation(BestPractices, "Testing and Quality Assurance", "best-practices#testing-and-quality-assurance"),
        new SourceCitation(BestPractices, "Error Handling and Monitoring", "best-practices#error-handling-and-monitoring"),
        new SourceCitation(BestPractices, "Test High Availability and Failover", "best-practices#test-high-availability-and-failover"),
        new SourceCitation(BestPractices, "Chaos Engineering", "best-practices#chaos-engineering"),
        new SourceCitation(BestPractices, "Update Strategies", "best-practices#update-strategies"),
        new SourceCitation(BestPractices, "Version Control and Git Tags", "best-practices#version-control-and-git-tags"),
        new SourceCitation(BestPractices, "Define Rolling Updates and Rollbacks", "best-practices#define-rolling-updates-and-rollbacks"),
        new SourceCitation(BestPractices, "Deployment Strategy", "best-practices#deployment-strategy"),
        new SourceCitation(BestPractices, "Continous Integration and Continous Deployment", "best-practices#continous-integration-and-continous-deployment"),
        new SourceCitation(BestPractices, "Security", "best-practices#security"),
        new SourceCitation(BestPractices, "Define Network Policies", "best-practices#define-network-policies"),
        new SourceCitation(BestPractices, "Enable Pod Security Policies", "best-practices#enable-pod-security-policies"),
        new SourceCitation(BestPractices, "Documentation and Runbook", "best-practices#documentation-and-runbook"),
        new SourceCitation(ProductionGrade, "Application design", "production-grade#application-design"),
        new SourceCitation(ProductionGrade, "Deployments", "production-grade#deployments"),
        new SourceCitation(ProductionGrade, "Docker Images", "production-grade#docker-images"),
        new SourceCitation(ProductionGrade, "Use namespaces for logical grouping of applications", "production-grade#use-namespaces-for-logical-grouping-of-applications"),
        new SourceCitation(ProductionGrade, "Handling different environments", "production-grade#handling-different-environments"),
        new SourceCitation(ProductionGrade, "Amount of replicas", "production-grade#amount-of-replicas"),
        new SourceCitation(ProductionGrade, "Resource requests and limits", "production-grade#resource-requests-and-limits"),
        new SourceCitation(ProductionGrade, "Separating workloads", "production-grade#separating-workloads"),
        new SourceCitation(ProductionGrade, "Pod Affinities and Disruption Policies", "production-grade#pod-affinities-and-disruption-policies"),
        new SourceCitation(ProductionGrade, "Configuration", "production-grade#configuration"),
        new SourceCitation(ProductionGrade, "Health Checks", "production-grade#health-checks"),
        new SourceCitation(ProductionGrade, "Lifecycle Hooks", "production-grade#lifecycle-hooks"),
        new SourceCitation(ProductionGrade, "Plan for Maintenance", "production-grade#plan-for-maintenance"),
        new SourceCitation(ProductionGrade, "Persistent Volumes", "production-grade#persistent-volumes"),
        new SourceCitation(ProductionGrade, "Backups", "production-grade#backups"),
        new SourceCitation(ProductionGrade, "Third-Party Components", "production-grade#third-party-components"),
        new SourceCitation(ProductionGrade, "Security", "production-grade#security"),
        new SourceCitation(ProductionGrade, "CI/CD", "production-grade#ci-cd"),
        new SourceCitation(ProductionGrade, "Monitoring", "production-grade#monitoring"),
        new SourceCitation(ProductionGrade, "Logging", "production-grade#logging"),
        new SourceCitation(ProductionGrade, "Central log management", "production-grade#central-log-management"),
    ];

    private static readonly HashSet<string> Known = All.Select(c => c.Citation).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string citation) => Known.Contains(citation);

    /// <summary>
    /// The citation rule of the source README: the heading lowercased, every run of characters other than
    /// a-z and 0-9 turned into one '-', leading and trailing '-' dropped.
    /// </summary>
    public static string Slug(string heading)
    {
        var builder = new System.Text.StringBuilder(heading.Length);
        var pendingDash = false;
        foreach (var c in heading.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }
                pendingDash = false;
                builder.Append(c);
            }
            else
            {
                pendingDash = true;
            }
        }
        return builder.ToString();
    }
}
