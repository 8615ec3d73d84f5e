using Checklist.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Checklist.Web.Tests.Browser;

/// <summary>
/// The app on a real loopback port (Kestrel, not the in-memory test server) and Debian's Chromium driven by
/// Playwright. Chromium runs headless with the flags this sandbox needs and a fresh profile every time.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string _profile = Directory.CreateTempSubdirectory("checklist-chromium-").FullName;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public ChecklistAppFactory Factory { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowserContext Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHECKLIST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = BaseUrl,
        });
    }

    /// <summary>A fresh page with no cookies from earlier tests.</summary>
    public async Task<IPage> NewPageAsync()
    {
        await Browser.ClearCookiesAsync();
        var page = await Browser.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Factory.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } // Chromium may still hold a lock file
    }
}
