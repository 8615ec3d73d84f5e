using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Auditing;

public sealed class AuditTrailTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    private static async Task<ChecklistAppFactory> StartAsync(string provider) =>
        provider == "Postgres"
            ? new ChecklistAppFactory(postgresConnectionString: await PostgresServer.CreateDatabaseAsync())
            : new ChecklistAppFactory();

    [Theory, MemberData(nameof(Providers))]
    public async Task Changes_AreRecordedAsAChainThatVerifies(string provider)
    {
        using var factory = await StartAsync(provider);
        var session = new BrowserSession(factory.CreateNoRedirectClient());
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, "wrong-password-x");
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var api = factory.CreateNoRedirectClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", ChecklistAppFactory.AdminToken);
        (await api.PostAsJsonAsync("/api/v1/users", new { email = "e@test.local", password = "engineer-password", roles = new[] { "Engineer" } })).EnsureSuccessStatusCode();

        var events = await EventsAsync(factory);
        var actions = events.Select(e => e.Action).ToList();
        Assert.Contains("user.created", actions);          // the bootstrap admin, by the system
        Assert.Contains("token.created", actions);         // CHECKLIST_ADMIN_TOKEN
        Assert.Contains("template.version-recorded", actions); // the checklists loaded at start
        Assert.Contains("user.sign-in-failed", actions);
        Assert.Contains("user.signed-in", actions);
        var apiCreated = events.Last(e => e.Action == "user.created");
        Assert.Equal(AuditActorType.Token, apiCreated.ActorType);
        Assert.Equal(ChecklistAppFactory.AdminEmail, apiCreated.ActorName);
        Assert.Contains("e@test.local", apiCreated.After);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));

        var verification = AuditChain.Verify(events);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(events.Count, verification.Events);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AuditRows_UpdateOrDelete_IsRefusedByTheDatabase(string provider)
    {
        using var factory = await StartAsync(provider);
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        Assert.True(await db.AuditEvents.AnyAsync());

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Action\" = 'forged'"));
        Assert.Contains("append-only", update.GetBaseException().Message);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));
        Assert.Contains("append-only", delete.GetBaseException().Message);
        Assert.DoesNotContain(await db.AuditEvents.AsNoTracking().ToListAsync(), e => e.Action == "forged");
    }

    [Fact]
    public async Task RefusedChange_LeavesNoEvent()
    {
        using var factory = new ChecklistAppFactory();
        var api = factory.CreateNoRedirectClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", ChecklistAppFactory.AdminToken);
        var before = (await EventsAsync(factory)).Count;
        var refused = await api.PostAsJsonAsync("/api/v1/users", new { email = "short@test.local", password = "short", roles = new[] { "Engineer" } });
        Assert.False(refused.IsSuccessStatusCode);
        (await api.PostAsJsonAsync("/api/v1/users", new { email = "ok@test.local", password = "long-enough-password", roles = new[] { "Engineer" } })).EnsureSuccessStatusCode();

        var created = (await EventsAsync(factory)).Skip(before).Where(e => e.Action == "user.created").ToList();
        Assert.Single(created);
        Assert.Contains("ok@test.local", created[0].After);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_IntactChain_IsOkAndMatchesTheHead(string provider)
    {
        using var factory = await StartAsync(provider);
        await AppendAsync(factory, 5);

        var body = await VerifyAsync(factory);
        Assert.True(body.GetProperty("ok").GetBoolean(), body.ToString());
        var events = await EventsAsync(factory);
        Assert.Equal(events.Count, body.GetProperty("events").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("firstBadSeq").ValueKind);
        Assert.Equal(events[^1].Seq, body.GetProperty("head").GetProperty("seq").GetInt64());
        Assert.Equal(events[^1].Hash, body.GetProperty("head").GetProperty("hash").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_RowChangedInTheDatabase_NamesItsSeq(string provider)
    {
        using var factory = await StartAsync(provider);
        await AppendAsync(factory, 5);
        var target = (await EventsAsync(factory))[2].Seq;

        // An attacker with database access: the append-only trigger is dropped first, then the row rewritten.
        await ExecuteAsync(factory, provider == "Postgres"
            ? ["DROP TRIGGER \"AuditEvents_no_update_delete\" ON \"AuditEvents\""]
            : ["DROP TRIGGER \"AuditEvents_no_update\""]);
        await ExecuteAsync(factory, [$"UPDATE \"AuditEvents\" SET \"ActorName\" = 'someone-else' WHERE \"Seq\" = {target}"]);

        var body = await VerifyAsync(factory);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(target, body.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains($"event {target} was changed", body.GetProperty("problem").GetString());
        Assert.Equal((await EventsAsync(factory)).Count, body.GetProperty("events").GetInt64());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_LastRowDeleted_IsDetectedThroughTheHead(string provider)
    {
        using var factory = await StartAsync(provider);
        await AppendAsync(factory, 3);
        var last = (await EventsAsync(factory))[^1].Seq;

        await ExecuteAsync(factory, provider == "Postgres"
            ? ["DROP TRIGGER \"AuditEvents_no_update_delete\" ON \"AuditEvents\""]
            : ["DROP TRIGGER \"AuditEvents_no_delete\""]);
        await ExecuteAsync(factory, [$"DELETE FROM \"AuditEvents\" WHERE \"Seq\" = {last}"]);

        var body = await VerifyAsync(factory);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(last, body.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains($"known to reach event {last}", body.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Append_AfterTheTailWasCut_KeepsTheHeadSoVerificationStillFails()
    {
        using var factory = new ChecklistAppFactory();
        await AppendAsync(factory, 3);
        var events = await EventsAsync(factory);
        var cutFrom = events[^2].Seq;
        await ExecuteAsync(factory, ["DROP TRIGGER \"AuditEvents_no_delete\"", $"DELETE FROM \"AuditEvents\" WHERE \"Seq\" >= {cutFrom}"]);

        // The app keeps working: new events chain onto what is left, re-using the cut sequence numbers.
        await AppendAsync(factory, 3);
        var after = await EventsAsync(factory);
        Assert.True(AuditChain.Verify(after).Ok);
        Assert.True(after[^1].Seq > events[^1].Seq);

        var body = await VerifyAsync(factory);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(events[^1].Seq, body.GetProperty("firstBadSeq").GetInt64());
        Assert.Equal(events[^1].Seq, body.GetProperty("head").GetProperty("seq").GetInt64());
        Assert.Equal(events[^1].Hash, body.GetProperty("head").GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Verify_ChainLongerThanABatch_NamesBadEventsAcrossBatchBoundaries()
    {
        using var factory = new ChecklistAppFactory();
        await AppendAsync(factory, AuditVerifier.BatchSize * 2 + 100);
        var total = (await EventsAsync(factory)).Count;
        var intact = await VerifyAsync(factory);
        Assert.True(intact.GetProperty("ok").GetBoolean(), intact.ToString());
        Assert.Equal(total, intact.GetProperty("events").GetInt64());

        // The first event of the second batch: the gap is only visible by carrying the first batch's end across.
        var missing = AuditVerifier.BatchSize + 1;
        await ExecuteAsync(factory, ["DROP TRIGGER \"AuditEvents_no_delete\"", "DROP TRIGGER \"AuditEvents_no_update\"",
            $"DELETE FROM \"AuditEvents\" WHERE \"Seq\" = {missing}",
            $"UPDATE \"AuditEvents\" SET \"After\" = '[\"forged\"]' WHERE \"Seq\" = {AuditVerifier.BatchSize * 2 + 50}"]);

        var body = await VerifyAsync(factory);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(missing, body.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains($"event {missing} is missing", body.GetProperty("problem").GetString());
        Assert.Equal(total - 1, body.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Verify_AsEngineer_IsForbidden()
    {
        using var factory = new ChecklistAppFactory();
        _ = factory.Server;
        await TestUsers.CreateOnePerRoleAsync(factory.Services);
        var api = factory.CreateNoRedirectClient();
        var token = await api.PostAsJsonAsync("/api/v1/auth/token", new { email = TestUsers.EmailFor("Engineer"), password = TestUsers.Password });
        api.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    /// <summary>Appends events the way every feature does: queued through AuditLog, written chained by SaveChanges.</summary>
    internal static async Task AppendAsync(ChecklistAppFactory factory, int count, AuditActor? actor = null, Guid? runId = null, string action = "test.changed")
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        for (var i = 0; i < count; i++)
            log.Record(action, "Sample", $"sample-{i}", runId, before: new { value = i }, after: new { value = i + 1 }, actor: actor);
        await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().SaveChangesAsync();
    }

    internal static async Task ExecuteAsync(ChecklistAppFactory factory, IEnumerable<string> statements)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<JsonElement> VerifyAsync(ChecklistAppFactory factory)
    {
        var api = factory.CreateNoRedirectClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", ChecklistAppFactory.AdminToken);
        var response = await api.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task<List<AuditEvent>> EventsAsync(ChecklistAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
    }
}
