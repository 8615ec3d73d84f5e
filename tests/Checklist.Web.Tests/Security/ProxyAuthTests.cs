using System.Net;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Checklist.Web.Security.ProxyAuth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Checklist.Web.Tests.Security;

public sealed class ProxyAuthTests : IDisposable
{
    private const string Email = "jane.doe@corp.example";
    private readonly ProxyAuthTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task TrustedProxy_NewUser_IsCreatedAndSignedInWithTheMappedRoles()
    {
        var client = _host.Client();

        var response = await client.SendAsync(ProxyAuthTestHost.Request("/admin/users", ProxyAuthTestHost.ProxyAddress,
            user: "Jane Doe", email: Email, groups: "engineering, platform-admins,release-managers"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("checklist.auth="));
        var (user, roles) = await FindAsync(Email);
        Assert.NotNull(user);
        Assert.Equal("Jane Doe", user.DisplayName);
        Assert.True(user.EmailConfirmed);
        Assert.True(user.IsActive);
        Assert.Null(user.PasswordHash); // no password: the proxy is the only way in
        Assert.Equal([Roles.Admin, Roles.ReleaseManager], roles);
        Assert.Equal(["user.created", "user.signed-in"], await ActionsForAsync(user.Id));

        // The cookie alone carries the session afterwards, as after a password sign-in, and costs no new sign-in.
        var again = await client.SendAsync(ProxyAuthTestHost.Request("/admin/users", peer: null));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var third = await client.SendAsync(ProxyAuthTestHost.Request("/admin/users", ProxyAuthTestHost.ProxyAddress,
            user: "Jane Doe", email: Email, groups: "platform-admins,release-managers"));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(["user.created", "user.signed-in"], await ActionsForAsync(user.Id));
    }

    [Theory]
    [InlineData("10.20.30.99")] // inside the /24
    [InlineData("::ffff:10.20.30.41")] // IPv4 as a dual-stack socket reports it
    [InlineData("192.0.2.7")] // one address from a comma-separated entry
    [InlineData("2001:db8::15")]
    public async Task TrustedProxy_AddressesInTheList_AreTrusted(string peer)
    {
        var response = await _host.Client().SendAsync(ProxyAuthTestHost.Request("/admin/users", peer, email: Email, groups: "platform-admins"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.20.31.1")] // next to the trusted range, not in it
    [InlineData("127.0.0.1")]
    [InlineData(null)] // no peer known
    public async Task UntrustedAddress_SameHeaders_StaysAnonymousAndCreatesNobody(string? peer)
    {
        var client = _host.Client();

        var response = await client.SendAsync(ProxyAuthTestHost.Request("/admin/users", peer, user: "Jane Doe", email: Email, groups: "platform-admins"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("checklist.auth=")));
        Assert.Null((await FindAsync(Email)).User);
    }

    [Fact]
    public async Task UntrustedAddress_RepeatedRequests_WarnsOncePerAddress()
    {
        for (var i = 0; i < 3; i++)
            await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", "203.0.113.50", email: Email, groups: "platform-admins"));
        await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", "203.0.113.51", email: Email));

        var warnings = _host.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("Ignored auth proxy headers")).ToList();
        Assert.Single(warnings, w => w.Message.Contains("203.0.113.50"));
        Assert.Single(warnings, w => w.Message.Contains("203.0.113.51"));
    }

    [Fact]
    public async Task GroupChange_NextRequest_UpdatesTheRolesAndAuditsIt()
    {
        var client = _host.Client();
        var asManager = await client.SendAsync(ProxyAuthTestHost.Request("/admin/users", ProxyAuthTestHost.ProxyAddress, email: Email, groups: "release-managers"));
        Assert.Equal(HttpStatusCode.Redirect, asManager.StatusCode);
        Assert.Contains("/account/access-denied", asManager.Headers.Location?.OriginalString);

        var asAdmin = await client.SendAsync(ProxyAuthTestHost.Request("/admin/users", ProxyAuthTestHost.ProxyAddress, email: Email, groups: "platform-admins,auditors"));

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        var (user, roles) = await FindAsync(Email);
        Assert.Equal([Roles.Admin, Roles.Auditor], roles);
        Assert.Equal(["user.created", "user.signed-in", "user.roles-changed", "user.signed-in"], await ActionsForAsync(user!.Id));
        await using var scope = _host.App.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents
            .SingleAsync(e => e.EntityId == user.Id && e.Action == "user.roles-changed");
        Assert.Contains("ReleaseManager", change.Before);
        Assert.Contains("Auditor", change.After);
        Assert.Equal("auth-proxy", change.ActorId);
    }

    [Fact]
    public async Task NoMappedGroup_SignedInWithoutARole_SeesAccessDenied()
    {
        var response = await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", ProxyAuthTestHost.ProxyAddress, email: Email, groups: "engineering,marketing"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString);
        var (user, roles) = await FindAsync(Email);
        Assert.NotNull(user);
        Assert.Empty(roles);
    }

    [Fact]
    public async Task DeactivatedUser_ThroughTheProxy_IsRefused()
    {
        await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", ProxyAuthTestHost.ProxyAddress, email: Email, groups: "platform-admins"));
        var (user, _) = await FindAsync(Email);
        await using (var scope = _host.App.Services.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync(user!.Id, "another-admin", active: false));

        var response = await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", ProxyAuthTestHost.ProxyAddress, email: Email, groups: "platform-admins"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("deactivated", await response.Content.ReadAsStringAsync());
        Assert.Equal("user.sign-in-failed", (await ActionsForAsync(user!.Id)).Last());
    }

    [Fact]
    public async Task TrustedProxy_NoEmail_IsRefusedWithTheHeaderToConfigure()
    {
        var response = await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", ProxyAuthTestHost.ProxyAddress, user: "jdoe", groups: "platform-admins"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("X-Forwarded-Email", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TrustedProxy_UserHeaderIsAnEmail_IsUsedAsTheEmail()
    {
        var response = await _host.Client().SendAsync(ProxyAuthTestHost.Request("/", ProxyAuthTestHost.ProxyAddress, user: Email, groups: "auditors"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Roles.Auditor], (await FindAsync(Email)).Roles);
    }

    [Fact]
    public async Task Api_ProxyHeaders_DoNotAuthenticate()
    {
        var response = await _host.Client().SendAsync(ProxyAuthTestHost.Request("/api/v1/users", ProxyAuthTestHost.ProxyAddress, email: Email, groups: "platform-admins"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Validate_BadSettings_NameEachSetting()
    {
        var options = new ProxyAuthOptions
        {
            Enabled = true,
            TrustedProxies = ["10.0.0.0/8", "10.0.0.1/33", "proxy.local"],
            GroupRoleMap = new() { ["admins"] = "Admin", ["ops"] = "Operator" },
            EmailHeader = " ",
        };

        var problems = options.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("'10.0.0.1/33'"));
        Assert.Contains(problems, p => p.Contains("'proxy.local'"));
        Assert.Contains(problems, p => p.Contains("'ops' to 'Operator'") && p.Contains("ReleaseManager"));
        Assert.Contains(problems, p => p.Contains("EmailHeader"));
        Assert.Contains("TrustedProxies is empty", Assert.Single(new ProxyAuthOptions { Enabled = true }.Validate()));
        Assert.Empty(new ProxyAuthOptions { Enabled = false, TrustedProxies = ["nonsense"] }.Validate());
    }

    [Fact]
    public async Task Start_WithForwardedHeadersEnabled_RefusesWithBothSettingsNamed()
    {
        using var app = Infrastructure.AppProcess.Start(new Dictionary<string, string?>
        {
            ["Checklist__ProxyAuth__Enabled"] = "true",
            ["Checklist__ProxyAuth__TrustedProxies__0"] = "10.0.0.0/8",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        });
        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("cannot be combined with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true", app.Stderr);
        Assert.DoesNotContain("   at ", app.Stderr);
    }

    private async Task<(AppUser? User, List<string> Roles)> FindAsync(string email)
    {
        await using var scope = _host.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        return (user, user is null ? [] : (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList());
    }

    private async Task<List<string>> ActionsForAsync(string userId)
    {
        await using var scope = _host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().AuditEvents
            .Where(e => e.EntityId == userId).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
    }
}
