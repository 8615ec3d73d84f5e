using System.Collections.Concurrent;
using System.Net;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Checklist.Web.Tests.Security;

/// <summary>
/// The app with auth proxy sign-on enabled, where each test request names its TCP peer in a test-only header
/// (the in-memory test server has no real peer). The hook lives here, added through an IStartupFilter, so the
/// production code has none.
/// </summary>
public sealed class ProxyAuthTestHost : IDisposable
{
    public const string PeerHeader = "X-Test-Peer";
    public const string ProxyAddress = "10.20.30.40";

    private readonly ChecklistAppFactory _factory;

    public ProxyAuthTestHost()
    {
        _factory = new ChecklistAppFactory(new Dictionary<string, string?>
        {
            ["Checklist:ProxyAuth:Enabled"] = "true",
            ["Checklist:ProxyAuth:TrustedProxies:0"] = "10.20.30.0/24",
            ["Checklist:ProxyAuth:TrustedProxies:1"] = "192.0.2.7, 2001:db8::/32",
            ["Checklist:ProxyAuth:GroupRoleMap:platform-admins"] = "Admin",
            ["Checklist:ProxyAuth:GroupRoleMap:release-managers"] = "ReleaseManager",
            ["Checklist:ProxyAuth:GroupRoleMap:auditors"] = "Auditor",
        });
        App = _factory.WithWebHostBuilder(b => b
            .ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>())
            .ConfigureLogging(l => l.AddProvider(Logs)));
    }

    public WebApplicationFactory<Program> App { get; }
    public CollectingLoggerProvider Logs { get; } = new();

    public HttpClient Client() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A request as the proxy (or whoever is at <paramref name="peer"/>) sends it.</summary>
    public static HttpRequestMessage Request(string path, string? peer, string? user = null, string? email = null, string? groups = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (peer is not null) request.Headers.Add(PeerHeader, peer);
        if (user is not null) request.Headers.Add("X-Forwarded-User", user);
        if (email is not null) request.Headers.Add("X-Forwarded-Email", email);
        if (groups is not null) request.Headers.Add("X-Forwarded-Groups", groups);
        return request;
    }

    public void Dispose()
    {
        App.Dispose();
        _factory.Dispose();
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose() { }

        private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
