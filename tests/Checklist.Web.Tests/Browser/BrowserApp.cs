using Checklist.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Checklist.Web.Tests.Browser;

/// <summary>
/// The app on a real loopback port (Kestrel, not the in-memory test server) and Debian's Chromium driven by
/// Playwright. Chromium runs headless with the flags this sandbox needs and a fresh profile every time.
/// Subclasses pass settings (a template folder, limits); <see cref="OpenBrowserAsync"/> starts another Chromium with
/// its own profile, so several people can be signed in at once.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string _profile = Directory.CreateTempSubdirectory("checklist-chromium-").FullName;
    private readonly List<(IBrowserContext Context, string Profile)> _extra = [];
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public BrowserApp() : this(null)
    {
    }

    protected BrowserApp(IDictionary<string, string?>? settings) => Factory = new ChecklistAppFactory(settings);

    public ChecklistAppFactory Factory { get; }
    public string BaseUrl { get; private set; } = "";
    public IBrowserContext Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchAsync(_profile);
    }

    /// <summary>Another Chromium with a fresh profile of its own (its own cookies), for a second person at the same time.</summary>
    public async Task<IBrowserContext> OpenBrowserAsync()
    {
        var profile = Directory.CreateTempSubdirectory("checklist-chromium-").FullName;
        var context = await LaunchAsync(profile);
        _extra.Add((context, profile));
        return context;
    }

    private Task<IBrowserContext> LaunchAsync(string profile) =>
        (_playwright ?? throw new InvalidOperationException("Not started.")).Chromium.LaunchPersistentContextAsync(profile,
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHECKLIST_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
                BaseURL = BaseUrl,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });

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
        foreach (var (context, profile) in _extra)
        {
            await context.DisposeAsync();
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } // Chromium may still hold a lock file
        }
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Factory.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } // Chromium may still hold a lock file
    }
}
