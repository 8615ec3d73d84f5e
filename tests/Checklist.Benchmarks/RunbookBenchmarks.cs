using BenchmarkDotNet.Attributes;
using Checklist.Core.Runbooks;

namespace Checklist.Benchmarks;

/// <summary>
/// A large run (150 items in 10 sections, each with file, link and note evidence) rendered to Markdown and
/// HTML with the shipped templates. Target: under 20 ms per runbook.
/// </summary>
[MemoryDiagnoser]
public class RunbookBenchmarks
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    private RunbookRenderer renderer = null!;
    private RunbookData data = null!;
    private string markdown = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        renderer = new RunbookRenderer(FindTemplates());
        data = LargeRun();
        markdown = renderer.Render(data, At).Markdown;
    }

    [Benchmark]
    public RunbookDocument RenderMarkdownAndHtml() => renderer.Render(data, At);

    [Benchmark]
    public string HtmlOfRenderedMarkdown() => MarkdownRenderer.ToHtml(markdown);

    private static RunbookData LargeRun()
    {
        var sections = Enumerable.Range(1, 10).Select(s => new RunbookSection
        {
            Title = $"Section {s}",
            Items = Enumerable.Range(1, 15).Select(i => new RunbookItem
            {
                Id = $"item-{s}-{i}",
                Title = $"Check number {i} of section {s}: containers set resource limits",
                State = i % 5 == 0 ? RunbookItemState.SignedOff : RunbookItemState.Passed,
                Required = i % 3 != 0,
                Who = "probe:resources",
                When = At.AddHours(-i),
                Comment = i % 4 == 0 ? "Checked by hand as well.\nSee the linked report." : null,
                Evidence =
                [
                    new RunbookEvidence { Kind = RunbookEvidenceKind.File, Name = $"report-{s}-{i}.html", Sha256 = new string('a', 64), Author = "Sam", At = At },
                    new RunbookEvidence { Kind = RunbookEvidenceKind.Link, Name = "Dashboard", Url = $"https://grafana.example.com/d/{s}/{i}", Author = "Sam", At = At },
                    new RunbookEvidence { Kind = RunbookEvidenceKind.Note, Text = "p95 latency 180 ms.\nNo errors *at all* during the soak <b>test</b>.", Author = "Sam", At = At },
                ],
            }).ToList(),
        }).ToList();

        return new RunbookData
        {
            Release = new RunbookRelease
            {
                Service = "shop-web",
                Version = "2.7.0",
                Environment = "production",
                Namespace = "shop",
                ClusterName = "prod-eu-1",
                TemplateId = "web-service",
                TemplateVersionHash = "9f2c1e7a4b3d",
                PlannedGoLive = At.AddDays(2),
            },
            Deploy = new HelmDeploy { Release = "shop-web", Chart = "oci://registry.example.com/charts/shop-web", Namespace = "shop" },
            Images = [new RunbookImage { Reference = "registry.example.com/shop/web:2.7.0", Digest = "sha256:" + new string('b', 64) }],
            Decision = new RunbookDecision { Outcome = RunbookDecisionOutcome.Go, By = "Priya", At = At },
            Sections = sections,
            Contacts = [new RunbookContact { Name = "Dana", Role = "Owner", Email = "dana@example.com" }],
            Facts = new RunbookFacts
            {
                SnapshotAt = At,
                Workloads = [new WorkloadFact { Kind = WorkloadKind.StatefulSet, Name = "db", CurrentRevision = 4, PreviousRevision = 3, Replicas = 2 }],
                Pvcs = [new PvcFact { Name = "data-db-0", StatefulSet = "db", Size = "20Gi" }],
                VeleroSchedules = [new VeleroScheduleFact { Name = "daily", Schedule = "0 2 * * *" }],
                Services = [new ServiceFact { Name = "web", Ports = [new ServicePortFact { Port = 80 }] }],
                Ingresses = [new IngressFact { Name = "web", Hosts = ["shop.example.com"], TlsHosts = ["shop.example.com"] }],
                HelmRelease = new HelmReleaseFact { Name = "shop-web", CurrentRevision = 13, PreviousRevision = 12 },
            },
        };
    }

    private static string FindTemplates()
    {
        // BenchmarkDotNet runs a generated copy of this project below bin/, so walk up to the repository.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Checklist.sln")))
            {
                return Path.Combine(directory.FullName, "templates");
            }
        }

        throw new InvalidOperationException($"No Checklist.sln above {AppContext.BaseDirectory}: run the benchmarks from the repository.");
    }
}
