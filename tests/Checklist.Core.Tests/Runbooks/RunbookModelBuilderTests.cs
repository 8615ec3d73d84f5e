using Checklist.Core.Runbooks;

namespace Checklist.Core.Tests.Runbooks;

public sealed class RunbookModelBuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    private static readonly RunbookRelease Release = new()
    {
        Service = "ledger",
        Version = "5.2.1",
        Environment = "production",
        Namespace = "ledger",
        TemplateId = "stateful-service",
        TemplateVersionHash = "a1b2c3",
        PlannedGoLive = new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero),
    };

    private static readonly PvcFact Claim = new() { Name = "data-db-0", StorageClass = "fast", Size = "50Gi", StatefulSet = "db" };

    private static readonly WorkloadFact Db = new() { Kind = WorkloadKind.StatefulSet, Name = "db", CurrentRevision = 4, PreviousRevision = 3, Replicas = 2 };

    [Fact]
    public void Build_VeleroScheduleFound_PlansVeleroBackupNamedAfterServiceVersionAndGoLiveDate()
    {
        var data = new RunbookData
        {
            Release = Release,
            Facts = new RunbookFacts
            {
                Pvcs = [Claim],
                VeleroSchedules = [new VeleroScheduleFact { Name = "daily", Schedule = "0 2 * * *", VeleroNamespace = "backup-system" }],
                VolumeSnapshotClasses = ["csi"],
            },
        };

        var backup = RunbookModelBuilder.Build(data, At).Backup;

        Assert.NotNull(backup.Velero);
        Assert.Equal("ledger-pre-5.2.1-20261125", backup.Velero.BackupName);
        Assert.Equal("ledger", backup.Velero.Namespace);
        Assert.True(backup.Velero.CustomVeleroNamespace);
        Assert.Empty(backup.Snapshots);
        Assert.Empty(backup.Copies);
    }

    [Fact]
    public void Build_NoVeleroButSnapshotClass_PlansOneSnapshotPerClaim()
    {
        var data = new RunbookData
        {
            Release = Release,
            Facts = new RunbookFacts { Workloads = [Db], Pvcs = [Claim], VolumeSnapshotClasses = ["csi-snap"] },
        };

        var backup = RunbookModelBuilder.Build(data, At).Backup;

        var snapshot = Assert.Single(backup.Snapshots);
        Assert.Equal("data-db-0-pre-5.2.1-20261125", snapshot.SnapshotName);
        Assert.Contains("volumeSnapshotClassName: csi-snap", snapshot.Manifest, StringComparison.Ordinal);
        Assert.Contains("persistentVolumeClaimName: data-db-0", snapshot.Manifest, StringComparison.Ordinal);
        Assert.Contains("storage: \"50Gi\"", snapshot.RestoreManifest, StringComparison.Ordinal);
        Assert.Equal("db", Assert.Single(backup.StatefulSetsToStop).Name);
        Assert.Empty(backup.Copies);
    }

    [Fact]
    public void Build_SnapshotClassButClaimSizeUnknown_FallsBackToCopies()
    {
        var data = new RunbookData
        {
            Release = Release,
            Facts = new RunbookFacts { Workloads = [Db], Pvcs = [Claim with { Size = null }], VolumeSnapshotClasses = ["csi-snap"] },
        };

        var backup = RunbookModelBuilder.Build(data, At).Backup;

        var copy = Assert.Single(backup.Copies);
        Assert.Empty(backup.Snapshots);
        Assert.Equal("copy-data-db-0", copy.PodName);
        Assert.Equal("data-db-0-pre-5.2.1-20261125.tgz", copy.ArchiveFile);
        Assert.Contains("\"claimName\":\"data-db-0\"", copy.BackupPodOverrides, StringComparison.Ordinal);
        Assert.Contains("\"readOnly\":true", copy.BackupPodOverrides, StringComparison.Ordinal);
        Assert.DoesNotContain("\"readOnly\":true", copy.RestorePodOverrides, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NamespaceUnknown_PlansNoCommandsThatWouldNeedIt()
    {
        var data = new RunbookData
        {
            Release = Release with { Namespace = null },
            Facts = new RunbookFacts
            {
                Workloads = [Db],
                Pvcs = [Claim],
                VeleroSchedules = [new VeleroScheduleFact { Name = "daily", Schedule = "@daily" }],
                Services = [new ServiceFact { Name = "db", Ports = [new ServicePortFact { Port = 5432 }] }],
            },
        };

        var model = RunbookModelBuilder.Build(data, At);

        Assert.Null(model.Namespace);
        Assert.Null(model.Backup.Velero);
        Assert.False(model.Backup.HasVolumes);
        Assert.Empty(model.Rollback.Workloads);
        Assert.Empty(model.SmokeTests.PortForwards);
    }

    [Fact]
    public void Build_HelmDeploy_RollsBackToTheReleasesPreviousRevisionInTheHelmNamespace()
    {
        var data = new RunbookData
        {
            Release = Release with { Namespace = null },
            Deploy = new HelmDeploy { Release = "ledger", Chart = "charts/ledger", Namespace = "ledger-prod" },
            Facts = new RunbookFacts { HelmRelease = new HelmReleaseFact { Name = "ledger", CurrentRevision = 9, PreviousRevision = 8 } },
        };

        var model = RunbookModelBuilder.Build(data, At);

        Assert.Equal("ledger-prod", model.Namespace);
        Assert.Equal(8, model.Rollback.Helm?.Revision);
        Assert.Equal("ledger-prod", model.Rollback.Helm?.Namespace);
    }

    [Fact]
    public void Build_HelmFactsOfAnotherRelease_LeavesRevisionUnknown()
    {
        var data = new RunbookData
        {
            Release = Release,
            Deploy = new HelmDeploy { Release = "ledger", Chart = "charts/ledger", Namespace = "ledger" },
            Facts = new RunbookFacts { HelmRelease = new HelmReleaseFact { Name = "ledger-old", PreviousRevision = 8 } },
        };

        Assert.Null(RunbookModelBuilder.Build(data, At).Rollback.Helm?.Revision);
    }

    [Fact]
    public void Build_Workloads_RollBackEachToItsPreviousRevision()
    {
        var api = new WorkloadFact { Kind = WorkloadKind.Deployment, Name = "api", CurrentRevision = 31, PreviousRevision = 30 };
        var data = new RunbookData { Release = Release, Facts = new RunbookFacts { Workloads = [api, Db] } };

        var workloads = RunbookModelBuilder.Build(data, At).Rollback.Workloads;

        Assert.Equal(["deployment/api", "statefulset/db"], workloads.Select(w => w.Resource));
        Assert.Equal([30, 3], workloads.Select(w => w.Revision ?? 0));
    }

    [Fact]
    public void Build_IngressWithTlsAndWildcard_TestsHttpsOnlyForCoveredHosts()
    {
        var ingress = new IngressFact
        {
            Name = "web",
            Hosts = ["shop.example.com", "api.example.com", "plain.internal"],
            TlsHosts = ["shop.example.com", "*.example.com"],
        };
        var data = new RunbookData { Release = Release, SmokeTestPath = "healthz", Facts = new RunbookFacts { Ingresses = [ingress] } };

        var urls = RunbookModelBuilder.Build(data, At).SmokeTests.Urls.Select(url => url.Url);

        Assert.Equal(["https://shop.example.com/healthz", "https://api.example.com/healthz", "http://plain.internal/healthz"], urls);
    }

    [Fact]
    public void Build_EvidenceMentioningDumps_PlansRestoreWithTheMatchingTool()
    {
        RunbookItem Item(string id, RunbookEvidence evidence) =>
            new() { Id = id, Title = id, State = RunbookItemState.SignedOff, Evidence = [evidence] };
        var data = new RunbookData
        {
            Release = Release,
            Sections =
            [
                new RunbookSection
                {
                    Title = "Data",
                    Items =
                    [
                        Item("pg", new RunbookEvidence { Kind = RunbookEvidenceKind.File, Name = "ledger.dump", Text = "pg_dump -Fc" }),
                        Item("my", new RunbookEvidence { Kind = RunbookEvidenceKind.File, Name = "shop.sql.gz", Text = "mysqldump of shop" }),
                        Item("note", new RunbookEvidence { Kind = RunbookEvidenceKind.Note, Text = "took a dump with mongodump" }),
                        Item("other", new RunbookEvidence { Kind = RunbookEvidenceKind.File, Name = "report.pdf" }),
                    ],
                },
            ],
        };

        var dumps = RunbookModelBuilder.Build(data, At).Backup.Dumps;

        Assert.Equal(["pg", "my", "note"], dumps.Select(d => d.ItemId));
        Assert.Equal("pg_restore --clean --if-exists --no-owner -d \"$DATABASE_URL\" ledger.dump", dumps[0].RestoreCommand);
        Assert.StartsWith("gunzip -c shop.sql.gz | mysql", dumps[1].RestoreCommand, StringComparison.Ordinal);
        Assert.Equal("mongodump", dumps[2].Tool);
        Assert.Null(dumps[2].RestoreCommand);
    }

    [Fact]
    public void Build_Items_CountsStatesAndListsRequiredBlockers()
    {
        var data = new RunbookData
        {
            Release = Release,
            Sections =
            [
                new RunbookSection
                {
                    Title = "All",
                    Items =
                    [
                        new RunbookItem { Id = "a", Title = "a", State = RunbookItemState.Passed, Required = true },
                        new RunbookItem { Id = "b", Title = "b", State = RunbookItemState.Failed, Required = true },
                        new RunbookItem { Id = "c", Title = "c", State = RunbookItemState.Failed, Required = false },
                        new RunbookItem { Id = "d", Title = "d", State = RunbookItemState.Waived, Required = true },
                        new RunbookItem { Id = "e", Title = "e", State = RunbookItemState.Pending, Required = true },
                    ],
                },
            ],
        };

        var results = RunbookModelBuilder.Build(data, At).Results;

        Assert.Equal(5, results.Total);
        Assert.Equal(2, results.Failed);
        Assert.Equal(["b", "e"], results.Blocking.Select(item => item.Id));
    }

    [Theory]
    [InlineData("Shop_Web-pre-1.0.0+build.7-20261121", "shop-web-pre-1.0.0-build.7-20261121")]
    [InlineData("-Leading and trailing-", "leading-and-trailing")]
    public void KubernetesName_AnyText_GivesValidObjectName(string input, string expected)
    {
        Assert.Equal(expected, RunbookModelBuilder.KubernetesName(input));
    }

    [Fact]
    public void KubernetesName_LongText_IsCutTo63Characters()
    {
        var name = RunbookModelBuilder.KubernetesName(new string('a', 80) + "-pre-1.0.0-20261121");

        Assert.Equal(63, name.Length);
    }

    [Fact]
    public void Build_Waivers_SeparatesExpiredAndUnapproved()
    {
        var expired = new RunbookWaiver { ItemId = "a", Justification = "j", RequestedBy = "r", ApprovedBy = "o", ExpiresAt = At.AddDays(-1) };
        var unapproved = new RunbookWaiver { ItemId = "b", Justification = "j", RequestedBy = "r", ExpiresAt = At.AddDays(30) };
        var valid = new RunbookWaiver { ItemId = "c", Justification = "j", RequestedBy = "r", ApprovedBy = "o", ExpiresAt = At.AddDays(30) };
        var data = new RunbookData { Release = Release, Waivers = [expired, unapproved, valid] };

        var model = RunbookModelBuilder.Build(data, At);

        Assert.Equal(["a"], model.ExpiredWaivers.Select(w => w.ItemId));
        Assert.Equal(["b"], model.UnapprovedWaivers.Select(w => w.ItemId));
        Assert.Equal(3, model.Waivers.Count);
    }
}
