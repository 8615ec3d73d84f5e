using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Checklist.Core.Runbooks;

/// <summary>Derives the procedures (deploy, backup, restore, rollback, smoke tests) from the run's facts.</summary>
internal static partial class RunbookModelBuilder
{
    private const string CopyImage = "busybox:1.36";

    public static RunbookModel Build(RunbookData data, DateTimeOffset renderedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Release);

        var facts = data.Facts ?? new RunbookFacts();
        var deploy = data.Deploy;
        var ns = NonEmpty(data.Release.Namespace) ?? (deploy as HelmDeploy)?.Namespace;
        var sections = data.Sections ?? [];

        return new RunbookModel
        {
            Release = data.Release,
            Namespace = ns,
            RenderedAt = renderedAt,
            Images = data.Images ?? [],
            Decision = data.Decision,
            Sections = sections,
            Results = Summarize(sections),
            Waivers = data.Waivers ?? [],
            Contacts = data.Contacts ?? [],
            Escalation = (data.Escalation ?? []).OrderBy(step => step.Level).ToList(),
            Facts = facts,
            Monitoring = data.Monitoring ?? [],
            Maintenance = data.Maintenance,
            SchemaChange = data.SchemaChange,
            SmokeTestPath = NormalizePath(data.SmokeTestPath),
            Deploy = new DeployPlan
            {
                Helm = deploy as HelmDeploy,
                KubectlApply = deploy as KubectlApplyDeploy,
                GitOps = deploy as GitOpsDeploy,
            },
            Backup = PlanBackup(data, facts, ns, sections, renderedAt),
            Rollback = PlanRollback(deploy as HelmDeploy, facts, ns),
            SmokeTests = PlanSmokeTests(facts, ns, NormalizePath(data.SmokeTestPath)),
        };
    }

    private static ResultSummary Summarize(IReadOnlyList<RunbookSection> sections)
    {
        var items = sections.SelectMany(section => section.Items ?? []).ToList();
        int Count(RunbookItemState state) => items.Count(item => item.State == state);
        return new ResultSummary
        {
            Total = items.Count,
            Passed = Count(RunbookItemState.Passed),
            SignedOff = Count(RunbookItemState.SignedOff),
            Waived = Count(RunbookItemState.Waived),
            NotApplicable = Count(RunbookItemState.NotApplicable),
            Failed = Count(RunbookItemState.Failed),
            Error = Count(RunbookItemState.Error),
            Pending = Count(RunbookItemState.Pending),
            Blocking = items.Where(item => item.Required && item.State is RunbookItemState.Pending
                or RunbookItemState.Failed or RunbookItemState.Error).ToList(),
        };
    }

    private static BackupPlan PlanBackup(
        RunbookData data, RunbookFacts facts, string? ns, IReadOnlyList<RunbookSection> sections, DateTimeOffset renderedAt)
    {
        var date = (data.Release.PlannedGoLive ?? renderedAt).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var suffix = $"pre-{data.Release.Version}-{date}";
        var dumps = FindDumps(sections);
        var schedules = facts.VeleroSchedules ?? [];

        if (ns is null)
        {
            // Without a namespace no command can name its target; the templates say so instead.
            return new BackupPlan { Snapshots = [], Copies = [], StatefulSetsToStop = [], Dumps = dumps };
        }

        var pvcs = facts.Pvcs ?? [];
        var snapshotClass = (facts.VolumeSnapshotClasses ?? []).FirstOrDefault(NonEmptyName);
        var canSnapshot = snapshotClass is not null && pvcs.All(pvc => NonEmpty(pvc.Size) is not null);
        var statefulSets = (facts.Workloads ?? []).Where(w => w.Kind == WorkloadKind.StatefulSet)
            .Where(w => pvcs.Any(pvc => pvc.StatefulSet == w.Name)).ToList();

        if (schedules.Count > 0)
        {
            var veleroNamespace = NonEmpty(schedules[0].VeleroNamespace) ?? "velero";
            return new BackupPlan
            {
                Velero = new VeleroBackupPlan
                {
                    BackupName = KubernetesName($"{data.Release.Service}-{suffix}"),
                    Namespace = ns,
                    VeleroNamespace = veleroNamespace,
                    CustomVeleroNamespace = veleroNamespace != "velero",
                    Schedules = schedules,
                },
                Snapshots = [],
                Copies = [],
                StatefulSetsToStop = statefulSets,
                Dumps = dumps,
            };
        }

        if (canSnapshot)
        {
            return new BackupPlan
            {
                Snapshots = pvcs.Select(pvc => PlanSnapshot(pvc, ns, snapshotClass!, suffix)).ToList(),
                Copies = [],
                StatefulSetsToStop = statefulSets,
                Dumps = dumps,
            };
        }

        return new BackupPlan
        {
            Snapshots = [],
            Copies = pvcs.Select(pvc => PlanCopy(pvc, suffix)).ToList(),
            StatefulSetsToStop = statefulSets,
            Dumps = dumps,
        };
    }

    private static VolumeSnapshotPlan PlanSnapshot(PvcFact pvc, string ns, string snapshotClass, string suffix)
    {
        var name = KubernetesName($"{pvc.Name}-{suffix}");
        var snapshot = new StringBuilder()
            .Append("apiVersion: snapshot.storage.k8s.io/v1\n")
            .Append("kind: VolumeSnapshot\n")
            .Append("metadata:\n")
            .Append("  name: ").Append(Yaml(name)).Append('\n')
            .Append("  namespace: ").Append(Yaml(ns)).Append('\n')
            .Append("spec:\n")
            .Append("  volumeSnapshotClassName: ").Append(Yaml(snapshotClass)).Append('\n')
            .Append("  source:\n")
            .Append("    persistentVolumeClaimName: ").Append(Yaml(pvc.Name))
            .ToString();

        var accessModes = (pvc.AccessModes ?? []).Count > 0 ? pvc.AccessModes! : ["ReadWriteOnce"];
        var restore = new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: PersistentVolumeClaim\n")
            .Append("metadata:\n")
            .Append("  name: ").Append(Yaml(pvc.Name)).Append('\n')
            .Append("  namespace: ").Append(Yaml(ns)).Append('\n')
            .Append("spec:\n");
        if (NonEmpty(pvc.StorageClass) is { } storageClass)
        {
            restore.Append("  storageClassName: ").Append(Yaml(storageClass)).Append('\n');
        }

        restore.Append("  accessModes: [").Append(string.Join(", ", accessModes.Select(Yaml))).Append("]\n")
            .Append("  resources:\n")
            .Append("    requests:\n")
            .Append("      storage: ").Append(Yaml(pvc.Size!)).Append('\n')
            .Append("  dataSource:\n")
            .Append("    apiGroup: snapshot.storage.k8s.io\n")
            .Append("    kind: VolumeSnapshot\n")
            .Append("    name: ").Append(Yaml(name));

        return new VolumeSnapshotPlan
        {
            Pvc = pvc,
            SnapshotName = name,
            SnapshotClass = snapshotClass,
            Manifest = snapshot.ToString(),
            RestoreManifest = restore.ToString(),
        };
    }

    private static VolumeCopyPlan PlanCopy(PvcFact pvc, string suffix)
    {
        var podName = KubernetesName($"copy-{pvc.Name}");
        return new VolumeCopyPlan
        {
            Pvc = pvc,
            PodName = podName,
            Image = CopyImage,
            ArchiveFile = $"{KubernetesName($"{pvc.Name}-{suffix}")}.tgz",
            BackupPodOverrides = CopyPodOverrides(podName, pvc.Name, readOnly: true),
            RestorePodOverrides = CopyPodOverrides(podName, pvc.Name, readOnly: false),
        };
    }

    private static string CopyPodOverrides(string podName, string claim, bool readOnly)
    {
        var spec = new
        {
            spec = new
            {
                volumes = new[] { new { name = "data", persistentVolumeClaim = new { claimName = claim, readOnly } } },
                containers = new[]
                {
                    new
                    {
                        name = podName,
                        image = CopyImage,
                        command = new[] { "sleep", "3600" },
                        volumeMounts = new[] { new { name = "data", mountPath = "/data", readOnly } },
                    },
                },
            },
        };
        return JsonSerializer.Serialize(spec);
    }

    private static List<DatabaseDumpPlan> FindDumps(IReadOnlyList<RunbookSection> sections)
    {
        var dumps = new List<DatabaseDumpPlan>();
        foreach (var item in sections.SelectMany(section => section.Items ?? []))
        {
            foreach (var evidence in item.Evidence ?? [])
            {
                var text = $"{evidence.Name} {evidence.Text}";
                if (!DumpMention().IsMatch(text))
                {
                    continue;
                }

                var tool = DumpTool(text);
                dumps.Add(new DatabaseDumpPlan
                {
                    ItemId = item.Id,
                    ItemTitle = item.Title,
                    Evidence = evidence,
                    Tool = tool,
                    RestoreCommand = evidence.Kind == RunbookEvidenceKind.File ? RestoreCommand(tool, evidence.Name) : null,
                });
            }
        }

        return dumps;
    }

    private static string? DumpTool(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.Contains("pg_dump", StringComparison.Ordinal) || lower.Contains("postgres", StringComparison.Ordinal))
        {
            return "pg_dump";
        }

        if (lower.Contains("mysqldump", StringComparison.Ordinal) || lower.Contains("mariadb", StringComparison.Ordinal)
            || lower.Contains("mysql", StringComparison.Ordinal))
        {
            return "mysqldump";
        }

        return lower.Contains("mongodump", StringComparison.Ordinal) || lower.Contains("mongo", StringComparison.Ordinal)
            ? "mongodump"
            : null;
    }

    private static string? RestoreCommand(string? tool, string? file)
    {
        if (NonEmpty(file) is not { } name)
        {
            return null;
        }

        var quoted = ShellText.Quote(name);
        var lower = name.ToLowerInvariant();
        return tool switch
        {
            "pg_dump" when lower.EndsWith(".sql.gz", StringComparison.Ordinal) => $"gunzip -c {quoted} | psql \"$DATABASE_URL\" --single-transaction",
            "pg_dump" when lower.EndsWith(".sql", StringComparison.Ordinal) => $"psql \"$DATABASE_URL\" --single-transaction -f {quoted}",
            "pg_dump" => $"pg_restore --clean --if-exists --no-owner -d \"$DATABASE_URL\" {quoted}",
            "mysqldump" when lower.EndsWith(".gz", StringComparison.Ordinal) => $"gunzip -c {quoted} | mysql --defaults-extra-file=\"$MYSQL_DEFAULTS_FILE\" \"$MYSQL_DATABASE\"",
            "mysqldump" => $"mysql --defaults-extra-file=\"$MYSQL_DEFAULTS_FILE\" \"$MYSQL_DATABASE\" < {quoted}",
            "mongodump" => $"mongorestore --uri=\"$MONGODB_URI\" --drop --gzip --archive={quoted}",
            _ => null,
        };
    }

    private static RollbackPlan PlanRollback(HelmDeploy? helm, RunbookFacts facts, string? ns)
    {
        HelmRollbackPlan? helmPlan = null;
        if (helm is not null)
        {
            var release = facts.HelmRelease;
            helmPlan = new HelmRollbackPlan
            {
                Release = helm.Release,
                Namespace = helm.Namespace,
                Revision = release is not null && release.Name == helm.Release ? release.PreviousRevision : null,
            };
        }

        var workloads = ns is null
            ? []
            : (facts.Workloads ?? []).Select(workload => new WorkloadRollbackPlan
            {
                Kind = workload.Kind,
                Name = workload.Name,
                Resource = $"{workload.Kind.ToString().ToLowerInvariant()}/{workload.Name}",
                CurrentRevision = workload.CurrentRevision,
                Revision = workload.PreviousRevision,
            }).ToList();

        return new RollbackPlan { Helm = helmPlan, Workloads = workloads };
    }

    private static SmokeTestPlan PlanSmokeTests(RunbookFacts facts, string? ns, string path)
    {
        var urls = new List<SmokeTestUrl>();
        foreach (var ingress in facts.Ingresses ?? [])
        {
            foreach (var host in (ingress.Hosts ?? []).Where(NonEmptyName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var tls = (ingress.TlsHosts ?? []).Contains(host, StringComparer.OrdinalIgnoreCase)
                    || (ingress.TlsHosts ?? []).Any(tlsHost => tlsHost.StartsWith("*.", StringComparison.Ordinal)
                        && host.EndsWith(tlsHost[1..], StringComparison.OrdinalIgnoreCase));
                urls.Add(new SmokeTestUrl
                {
                    Ingress = ingress.Name,
                    Host = host,
                    Tls = tls,
                    Url = $"{(tls ? "https" : "http")}://{host}{path}",
                });
            }
        }

        var forwards = ns is null
            ? []
            : (facts.Services ?? []).Where(service => (service.Ports ?? []).Count > 0).Select(service =>
            {
                var port = service.Ports[0];
                var local = port.Port >= 1024 ? port.Port : port.Port + 8000;
                var tls = port.Port is 443 or 8443 || (port.Name ?? string.Empty).Contains("https", StringComparison.OrdinalIgnoreCase);
                return new SmokeTestPortForward
                {
                    Service = service.Name,
                    Port = port.Port,
                    LocalPort = local,
                    Tls = tls,
                    Url = $"{(tls ? "https" : "http")}://localhost:{local.ToString(CultureInfo.InvariantCulture)}{path}",
                };
            }).ToList();

        return new SmokeTestPlan { Urls = urls, PortForwards = forwards };
    }

    /// <summary>Lower-case RFC 1123 name of at most 63 characters, as Velero and Kubernetes names need.</summary>
    internal static string KubernetesName(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        }

        var name = builder.ToString();
        if (name.Length > 63)
        {
            name = name[..63];
        }

        return name.Trim('-', '.');
    }

    private static string NormalizePath(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "/" : path.StartsWith('/') ? path.Trim() : "/" + path.Trim();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool NonEmptyName(string? value) => !string.IsNullOrWhiteSpace(value);

    // A JSON string is valid YAML and escapes anything that could break out of the scalar.
    private static string Yaml(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') && !char.IsAsciiDigit(value.FirstOrDefault())
            ? value
            : JsonSerializer.Serialize(value);

    [GeneratedRegex(@"pg_dump|pg_dumpall|mysqldump|mariadb-dump|mongodump|\bdump\b|\.sql(\.gz)?\b|\.dump\b", RegexOptions.IgnoreCase)]
    private static partial Regex DumpMention();
}
