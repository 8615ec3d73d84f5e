using BenchmarkDotNet.Attributes;
using Checklist.Core.Audit;

namespace Checklist.Benchmarks;

/// <summary>Appending one event to the chain, and verifying a chain of 100,000 events.</summary>
[MemoryDiagnoser]
public class AuditChainBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly List<AuditEvent> _chain = new(100_000);
    private AuditEvent _last = null!;
    private AuditDraft _draft = null!;

    private static AuditDraft Draft(int i) => new(
        T0.AddMilliseconds(i), $"u-{i % 17}", $"User {i % 17}", AuditActorType.User, "10.0.0.1", "item.signoff", "RunItem",
        $"item-{i % 150}", Guid.Empty, "{\"state\":\"pending\",\"rowVersion\":3}",
        $"{{\"state\":\"signed-off\",\"rowVersion\":4,\"comment\":\"restore test of release {i} verified\"}}", $"corr-{i}");

    [GlobalSetup]
    public void Setup()
    {
        AuditEvent? previous = null;
        for (var i = 0; i < 100_000; i++)
        {
            previous = AuditChain.Append(previous, Draft(i));
            _chain.Add(previous);
        }
        _last = previous!;
        _draft = Draft(100_000);
    }

    [Benchmark]
    public AuditEvent AppendOne() => AuditChain.Append(_last, _draft);

    [Benchmark]
    public AuditVerification Verify100000()
    {
        var result = AuditChain.Verify(_chain);
        return result.Ok ? result : throw new InvalidOperationException(result.Problem);
    }
}
