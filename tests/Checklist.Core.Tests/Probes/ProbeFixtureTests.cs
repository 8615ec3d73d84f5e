using System.Text.Json;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Probes;

namespace Checklist.Core.Tests.Probes;

/// <summary>
/// Every probe is judged by the fixtures under Fixtures/Probes/&lt;probe-id&gt;/&lt;pass|fail|na&gt;/*.yaml, found by a
/// directory walk: a new probe or case needs a file, not test code. A fixture may start with
/// <c># args: {json}</c> (probe parameters) and <c># served-groups: a, b</c> (the API groups a cluster would serve).
/// </summary>
public sealed class ProbeFixtureTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Probes");
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, ProbeVerdict> Folders = new()
    {
        ["pass"] = ProbeVerdict.Passed,
        ["fail"] = ProbeVerdict.Failed,
        ["na"] = ProbeVerdict.NotApplicable,
    };

    public static TheoryData<string, string, string> Fixtures()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var probeDir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
            foreach (var folder in Folders.Keys)
            {
                var dir = Path.Combine(probeDir, folder);
                if (!Directory.Exists(dir)) continue;
                foreach (var file in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
                    data.Add(Path.GetFileName(probeDir), folder, Path.GetFileName(file));
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Evaluate_Fixture_GivesTheVerdictOfItsFolder(string probeId, string folder, string file)
    {
        var path = Path.Combine(Root, probeId, folder, file);
        var read = ManifestReader.Read([path], "shop");
        Assert.Empty(read.Errors);
        var (arguments, servedGroups) = ReadHeader(path);
        var snapshot = new ClusterSnapshot(SnapshotOrigin.Manifests, read.Source, "shop", read.Objects, TakenAt, servedGroups);
        var probe = ProbeCatalog.Find(probeId);
        Assert.NotNull(probe);

        var result = probe.Evaluate(snapshot, ProbeArguments.From(probe.Definition, arguments));

        var expected = Folders[folder];
        Assert.True(expected == result.Verdict, $"{probeId}/{folder}/{file}: expected {expected}, got {result.Verdict}: {result.Summary}");
        if (expected == ProbeVerdict.Failed)
            Assert.All(result.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix)));
        if (File.ReadAllText(path).Contains(Probe.ExemptionAnnotationPrefix + probeId, StringComparison.Ordinal))
            Assert.True(result.HasExemptions, $"{probeId}/{folder}/{file}: the exemption annotation was not honoured.");
        if (expected != ProbeVerdict.NotApplicable)
            Assert.All(result.Findings.Where(f => f.Object.Kind != "Namespace"), f => Assert.NotNull(f.Source));
    }

    [Fact]
    public void Catalog_EveryDefinedProbe_HasAnImplementationAndPassAndFailFixtures()
    {
        Assert.Equal(ProbeDefinitions.All.Count, ProbeCatalog.All.Count);
        foreach (var definition in ProbeDefinitions.All)
        {
            var probe = ProbeCatalog.Find(definition.Id);
            Assert.True(probe is not null, $"No implementation for probe '{definition.Id}'.");
            Assert.Same(definition, probe.Definition);
            foreach (var folder in new[] { "pass", "fail" })
            {
                var dir = Path.Combine(Root, definition.Id, folder);
                Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir, "*.yaml").Length > 0, $"Probe '{definition.Id}' has no {folder} fixture.");
            }
        }
    }

    [Fact]
    public void Fixtures_EveryFolder_NamesAKnownProbe()
    {
        foreach (var probeDir in Directory.GetDirectories(Root))
            Assert.True(ProbeCatalog.Find(Path.GetFileName(probeDir)) is not null, $"Fixture folder {Path.GetFileName(probeDir)} names no probe.");
    }

    private static (IReadOnlyDictionary<string, object?>? Arguments, IReadOnlySet<string>? ServedGroups) ReadHeader(string path)
    {
        IReadOnlyDictionary<string, object?>? arguments = null;
        IReadOnlySet<string>? served = null;
        foreach (var line in File.ReadLines(path).TakeWhile(l => l.StartsWith('#')))
        {
            if (line.StartsWith("# args:", StringComparison.Ordinal))
                arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line["# args:".Length..])!
                    .ToDictionary(p => p.Key, p => (object?)p.Value);
            if (line.StartsWith("# served-groups:", StringComparison.Ordinal))
                served = line["# served-groups:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Append("") // the core group is always served
                    .ToHashSet(StringComparer.Ordinal);
        }
        return (arguments, served);
    }
}
