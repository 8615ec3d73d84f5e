using System.Net.Http.Json;
using Checklist.Core.Audit;
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

    private static async Task<List<AuditEvent>> EventsAsync(ChecklistAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
    }
}
