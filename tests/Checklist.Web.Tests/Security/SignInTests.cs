using System.Net;
using Checklist.Web.Tests.Infrastructure;

namespace Checklist.Web.Tests.Security;

public sealed class SignInTests : IDisposable
{
    private readonly ChecklistAppFactory _factory = new(new Dictionary<string, string?>
    {
        ["Checklist:Security:LockoutMaxFailedAttempts"] = "3",
    });

    public void Dispose() => _factory.Dispose();

    private BrowserSession NewSession() => new(_factory.CreateNoRedirectClient());

    [Fact]
    public async Task SignIn_RightPassword_RedirectsToDashboard()
    {
        var session = NewSession();
        var response = await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var dashboard = await session.Client.GetStringAsync("/");
        Assert.Contains("Dashboard", dashboard);
        Assert.Contains(ChecklistAppFactory.AdminEmail, dashboard);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsMessage()
    {
        var response = await NewSession().SignInAsync(ChecklistAppFactory.AdminEmail, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_UnknownEmail_ShowsTheSameMessage()
    {
        var response = await NewSession().SignInAsync("nobody@test.local", "whatever-password");
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_AfterRepeatedFailures_LocksTheAccountEvenForTheRightPassword()
    {
        await TestUsers.CreateAsync(_factory.Services, "locked@test.local", "Engineer");
        for (var i = 0; i < 3; i++) await NewSession().SignInAsync("locked@test.local", "wrong-password-here");

        var response = await NewSession().SignInAsync("locked@test.local", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked after too many failed sign-ins", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_DeactivatedUser_IsRefusedWithMessage()
    {
        var id = await TestUsers.CreateAsync(_factory.Services, "gone@test.local", "Engineer");
        var admin = NewSession();
        await admin.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var deactivate = await admin.PostFormAsync("/admin/users", $"/admin/users/{id}/deactivate", []);
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);

        var response = await NewSession().SignInAsync("gone@test.local", TestUsers.Password);
        Assert.Contains("This account is deactivated.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var session = NewSession();
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var signOut = await session.PostFormAsync("/", "/account/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/login", after.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ChangePassword_OldStopsWorkingNewWorks()
    {
        await TestUsers.CreateAsync(_factory.Services, "changer@test.local", "Engineer");
        var session = NewSession();
        await session.SignInAsync("changer@test.local", TestUsers.Password);
        var change = await session.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestUsers.Password,
            ["NewPassword"] = "a-brand-new-password",
            ["ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        Assert.Contains("Wrong email or password.", await (await NewSession().SignInAsync("changer@test.local", TestUsers.Password)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await NewSession().SignInAsync("changer@test.local", "a-brand-new-password")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_TooShort_SaysWhy()
    {
        var session = NewSession();
        await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        var change = await session.PostFormAsync("/account/password", "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = ChecklistAppFactory.AdminPassword,
            ["NewPassword"] = "short",
            ["ConfirmPassword"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("at least 12 characters", await change.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_Cookies_AreHttpOnlyAndSameSiteStrict()
    {
        var client = _factory.CreateNoRedirectClient();
        var session = new BrowserSession(client);
        var token = await session.AntiforgeryTokenAsync("/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = ChecklistAppFactory.AdminEmail,
            ["Password"] = ChecklistAppFactory.AdminPassword,
            ["__RequestVerificationToken"] = token,
        }));
        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("checklist.auth="));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_BehindATlsProxy_MarksCookiesSecureOverPlainHttp()
    {
        using var factory = new ChecklistAppFactory(new Dictionary<string, string?> { ["Checklist:Security:TlsTerminatedByProxy"] = "true" });
        var session = new BrowserSession(factory.CreateNoRedirectClient());
        var response = await session.SignInAsync(ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("checklist.auth="));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_SecurityHeaders_AreSent()
    {
        var response = await _factory.CreateNoRedirectClient().GetAsync("/account/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync()); // no inline script anywhere in the layout
    }
}
