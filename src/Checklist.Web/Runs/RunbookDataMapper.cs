using Checklist.Core.Runbooks;
using Checklist.Core.Runs;
using RunbookSection = Checklist.Core.Runbooks.RunbookSection;

namespace Checklist.Web.Runs;

/// <summary>
/// Maps a run (with its items, evidence, waivers and decisions), its deployment details, the facts of its latest
/// verification (optional) and the service's settings (optional) into the runbook's input. Missing parts stay
/// missing: the templates then say what is unknown instead of guessing.
/// </summary>
public static class RunbookDataMapper
{
    public static RunbookData Map(Run run, RunDeployment? deployment, RunTargetFacts? facts, RunbookServiceSettings? settings)
    {
        var decision = run.CurrentDecision;
        return new RunbookData
        {
            Release = new RunbookRelease
            {
                Service = run.Service,
                Version = run.ReleaseVersion,
                Environment = run.Environment,
                ClusterName = facts?.ClusterName,
                ClusterServer = facts?.ClusterServer,
                Namespace = run.Target.Namespace,
                RunId = run.Id.ToString(),
                TemplateId = run.TemplateId,
                TemplateVersionHash = run.TemplateVersionHash,
                PlannedGoLive = run.PlannedGoLive,
                ActualGoLive = run.CompletedAt,
                Owner = run.OwnerName,
                CreatedBy = run.CreatedByName,
            },
            Deploy = Deploy(run, deployment),
            Images = facts?.Images ?? [],
            Decision = decision is null ? null : new RunbookDecision
            {
                Outcome = decision.Outcome == GateDecision.Go ? RunbookDecisionOutcome.Go : RunbookDecisionOutcome.NoGo,
                By = decision.DeciderName,
                At = decision.DecidedAt,
                Comment = decision.Comment,
                Stale = decision.Stale,
                SignOffs = run.Items
                    .Where(i => i.State == RunItemState.SignedOff && i.StateChangedAt is not null)
                    .Select(i => new RunbookSignOff
                    {
                        Role = $"{i.Title} ({(i.SignoffRole == SignoffRole.ReleaseManager ? "release manager" : "engineer")})",
                        By = i.StateChangedByName ?? "",
                        At = i.StateChangedAt!.Value,
                        Comment = i.StateDetail,
                    })
                    .ToList(),
            },
            Sections = run.Items
                .GroupBy(i => i.Section)
                .Select(g => new RunbookSection { Title = g.Key.Length == 0 ? "Items" : g.Key, Items = g.Select(Item).ToList() })
                .ToList(),
            Waivers = run.Items
                .SelectMany(i => i.Waivers.Where(w => w.Status is WaiverStatus.Requested or WaiverStatus.Approved or WaiverStatus.Expired)
                    .Select(w => new RunbookWaiver
                    {
                        ItemId = i.ItemId,
                        ItemTitle = i.Title,
                        Justification = w.Justification,
                        RequestedBy = w.RequestedByName,
                        ApprovedBy = w.Status == WaiverStatus.Requested ? null : w.DecidedByName,
                        ExpiresAt = w.ExpiresAt,
                    }))
                .ToList(),
            Contacts = Contacts(run, settings),
            Escalation = settings?.Escalation
                .Where(e => !string.IsNullOrWhiteSpace(e.Who))
                .Select(e => new RunbookEscalationStep { Level = e.Level, Who = e.Who, Reach = e.Reach, When = e.When })
                .ToList() ?? [],
            Facts = facts?.Facts ?? new RunbookFacts(),
            Monitoring = settings?.Monitoring
                .Where(m => !string.IsNullOrWhiteSpace(m.Url))
                .Select(m => new RunbookMonitoringLink { Kind = m.Kind, Title = string.IsNullOrWhiteSpace(m.Title) ? m.Url : m.Title, Url = m.Url })
                .ToList() ?? [],
            Maintenance = settings?.Maintenance is { Method.Length: > 0 } maintenance
                ? new RunbookMaintenancePage
                {
                    Method = maintenance.Method,
                    SwitchOnCommand = maintenance.SwitchOnCommand,
                    SwitchOffCommand = maintenance.SwitchOffCommand,
                    CheckUrl = maintenance.CheckUrl,
                }
                : null,
            SmokeTestPath = string.IsNullOrWhiteSpace(settings?.SmokeTestPath) ? "/" : settings.SmokeTestPath,
        };
    }

    private static RunbookDeployMethod? Deploy(Run run, RunDeployment? deployment) => run.DeployMethod.Kind switch
    {
        DeployMethodKind.Helm when deployment?.HelmChart is { } chart => new HelmDeploy
        {
            Release = run.DeployMethod.Name ?? run.Service,
            Chart = chart,
            ChartVersion = deployment.HelmChartVersion,
            Namespace = run.Target.Namespace ?? "default",
            ValuesFile = deployment.HelmValuesFile,
        },
        DeployMethodKind.KubectlApply => new KubectlApplyDeploy
        {
            BundleFile = deployment?.BundleFile ?? $"{run.Service}-{run.ReleaseVersion}.yaml",
        },
        DeployMethodKind.GitOps => new GitOpsDeploy
        {
            Tool = deployment?.GitOpsTool ?? GitOpsTool.Argo,
            Application = run.DeployMethod.Name ?? run.Service,
            ToolNamespace = deployment?.GitOpsNamespace,
        },
        // A Helm release without a chart cannot be deployed by command; the runbook says the method is unknown.
        _ => null,
    };

    private static RunbookItem Item(RunItem item) => new()
    {
        Id = item.ItemId,
        Title = item.Title,
        State = item.State switch
        {
            RunItemState.Pending => RunbookItemState.Pending,
            RunItemState.Passed => RunbookItemState.Passed,
            RunItemState.Failed => RunbookItemState.Failed,
            RunItemState.Error => RunbookItemState.Error,
            RunItemState.SignedOff => RunbookItemState.SignedOff,
            RunItemState.Waived => RunbookItemState.Waived,
            _ => RunbookItemState.NotApplicable,
        },
        Required = item.Required,
        Who = item.State == RunItemState.Pending ? null
            : item.StateChangedById == Actor.SystemId && item.ProbeId is not null ? $"probe {item.ProbeId}"
            : item.StateChangedByName,
        When = item.State == RunItemState.Pending ? null : item.StateChangedAt,
        Comment = item.State == RunItemState.Pending ? null : item.StateDetail,
        Evidence = item.Evidence
            .Where(e => e.IsActive && e.Kind != EvidenceKind.Probe)
            .Select(e => new RunbookEvidence
            {
                Kind = e.Kind switch
                {
                    EvidenceKind.File => RunbookEvidenceKind.File,
                    EvidenceKind.Link => RunbookEvidenceKind.Link,
                    _ => RunbookEvidenceKind.Note,
                },
                Name = e.Kind == EvidenceKind.File ? e.FileName : e.Kind == EvidenceKind.Link ? e.Text ?? e.Url : null,
                Sha256 = e.Sha256,
                Url = e.Url,
                Text = e.Kind == EvidenceKind.Note ? e.Text : null,
                Author = e.AuthorName,
                At = e.AddedAt,
            })
            .ToList(),
    };

    private static List<RunbookContact> Contacts(Run run, RunbookServiceSettings? settings)
    {
        var contacts = settings?.Contacts
            .Where(c => !string.IsNullOrWhiteSpace(c.Name))
            .Select(c => new RunbookContact { Name = c.Name, Role = string.IsNullOrWhiteSpace(c.Role) ? "Contact" : c.Role, Email = c.Email, Phone = c.Phone })
            .ToList() ?? [];
        // The people the run names are contacts whatever the settings say; user names are email addresses.
        void AddPerson(string name, string role)
        {
            if (contacts.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Email, name, StringComparison.OrdinalIgnoreCase)))
                return;
            contacts.Add(new RunbookContact { Name = name, Role = role, Email = name.Contains('@') ? name : null });
        }
        AddPerson(run.OwnerName, "Run owner");
        AddPerson(run.CreatedByName, "Release manager (created the run)");
        if (run.CurrentDecision is { } decision) AddPerson(decision.DeciderName, "Release manager (decided)");
        return contacts;
    }
}
