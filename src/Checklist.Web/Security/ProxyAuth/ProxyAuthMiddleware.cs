using System.Collections.Concurrent;
using System.Net;

namespace Checklist.Web.Security.ProxyAuth;

/// <summary>
/// Accepts the auth proxy's identity headers from trusted peers only. The peer is the TCP connection's remote
/// address, never X-Forwarded-For, which any client can write. From anyone else the headers are removed before
/// the rest of the app runs, and the request goes on as if they had never been sent.
/// </summary>
public sealed class ProxyAuthMiddleware(RequestDelegate next, ProxyAuthOptions options, TrustedProxyList trusted, ILogger<ProxyAuthMiddleware> logger)
{
    // Enough to name every real proxy and a handful of misconfigured clients; past it an attacker spraying
    // addresses could otherwise grow this set (and the log) without bound.
    private const int MaxWarnedAddresses = 1000;
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context, ProxySignIn signIn)
    {
        var headers = context.Request.Headers;
        if (!options.Headers.Any(headers.ContainsKey))
        {
            await next(context);
            return;
        }

        var peer = context.Connection.RemoteIpAddress;
        if (!trusted.Contains(peer))
        {
            WarnOnce(peer);
            foreach (var header in options.Headers) headers.Remove(header);
            await next(context);
            return;
        }

        // The API takes bearer tokens only, by design; the proxy's user never signs in there.
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            var (identity, problem) = ProxyIdentity.From(headers, options);
            problem ??= await signIn.EnsureSignedInAsync(context, identity!, context.RequestAborted);
            if (problem is not null)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(problem, context.RequestAborted);
                return;
            }
        }
        await next(context);
    }

    private void WarnOnce(IPAddress? peer)
    {
        var key = peer?.ToString() ?? "(unknown)";
        if (_warned.Count >= MaxWarnedAddresses || !_warned.TryAdd(key, true)) return;
        logger.LogWarning(
            "Ignored auth proxy headers from {Address}, which is not in Checklist:ProxyAuth:TrustedProxies; requests from it stay anonymous. (Logged once per address.)",
            key);
    }
}
