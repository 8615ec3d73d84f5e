using Checklist.Core.Audit;
using Checklist.Web.Auditing;

namespace Checklist.Web.Tests.Auditing;

public sealed class AuditFilterTests
{
    [Theory]
    [InlineData("2026-11-21", "2026-11-21T00:00:00.0000000Z")]
    [InlineData("2026-11-21T10:15", "2026-11-21T10:15:00.0000000Z")]
    [InlineData("2026-11-21T10:15:30", "2026-11-21T10:15:30.0000000Z")]
    [InlineData("2026-11-21T10:15:30.5Z", "2026-11-21T10:15:30.5000000Z")]
    [InlineData("2026-11-21T12:15:30+02:00", "2026-11-21T10:15:30.0000000Z")]
    public void Parse_From_IsUtcUnlessAnOffsetIsGiven(string text, string expected)
    {
        var (filter, errors) = AuditFilter.Parse(new AuditFilterQuery { From = text });
        Assert.Empty(errors);
        Assert.Equal(expected, AuditCanonicalJson.FormatTime(filter!.From!.Value));
    }

    [Fact]
    public void Parse_ToAsADate_IncludesThatWholeDay()
    {
        var (filter, _) = AuditFilter.Parse(new AuditFilterQuery { To = "2026-11-30" });
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), filter!.To);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("21/11/2026")]
    [InlineData("2026")]
    [InlineData("11/21/2026 10:00")]
    public void Parse_BadTime_NamesTheParameterAndTheFormats(string text)
    {
        var (filter, errors) = AuditFilter.Parse(new AuditFilterQuery { To = text });
        Assert.Null(filter);
        Assert.Equal($"to must be a time as {AuditFilter.TimeFormats}, not '{text}'.", Assert.Single(errors));
    }

    [Fact]
    public void Parse_EveryProblem_IsReportedAtOnce()
    {
        var (filter, errors) = AuditFilter.Parse(new AuditFilterQuery { RunId = "42", ActorType = "robot", From = "2026-02-01", To = "2026-01-01" });
        Assert.Null(filter);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("runId must be a run's id"));
        Assert.Contains(errors, e => e == "actorType must be user, token or system, not 'robot'.");
        Assert.Contains(errors, e => e.StartsWith("from (2026-02-01T00:00:00.0000000Z) must be earlier than to"));
    }

    [Fact]
    public void Parse_Text_IsTrimmedAndBlankMeansNoFilter()
    {
        var run = Guid.NewGuid();
        var (filter, errors) = AuditFilter.Parse(new AuditFilterQuery { Actor = "  ann@test.local ", Action = " ", ActorType = "Token", RunId = run.ToString() });
        Assert.Empty(errors);
        Assert.Equal(AuditFilter.None with { Actor = "ann@test.local", ActorType = AuditActorType.Token, RunId = run }, filter);
    }

    [Fact]
    public void ToQueryString_KeepsTheFilterAndAddsTheCursor()
    {
        var query = new AuditFilterQuery { Actor = "a b&c", Action = "user.created", To = " " };
        Assert.Equal("?actor=a%20b%26c&action=user.created&before=7", query.ToQueryString(("before", "7")));
        Assert.False(query.IsEmpty);
        Assert.True(new AuditFilterQuery { From = "  " }.IsEmpty);
    }
}
