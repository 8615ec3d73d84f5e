using Checklist.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Checklist.Web.Tests.Browser;

public sealed class SignInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [Fact]
    public async Task SignIn_ThenDashboard_ThenSignOut()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await SignInAsync(page, ChecklistAppFactory.AdminEmail, ChecklistAppFactory.AdminPassword);

        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(ChecklistAppFactory.AdminEmail);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
        // Bootstrap's stylesheet applied: the navbar is dark, which only its CSS makes it.
        var navBackground = await page.EvalOnSelectorAsync<string>("nav.navbar", "n => getComputedStyle(n).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", navBackground);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(errors); // no CSP violation or script error on the way
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheMessage()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, ChecklistAppFactory.AdminEmail, "this-is-not-it");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Wrong email or password.");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
