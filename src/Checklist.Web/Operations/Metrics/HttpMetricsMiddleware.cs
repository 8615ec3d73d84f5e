using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Checklist.Web.Operations.Metrics;

/// <summary>
/// Times every request and records it by route template. It runs first in the pipeline, so the time includes
/// error handling and the status is the one the client got.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, ChecklistMetrics metrics)
{
    /// <summary>Requests that matched no route (static files, 404s): one series instead of one per path.</summary>
    public const string Unmatched = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = new FirstEndpointFeature(context.Features);
        context.Features.Set<IEndpointFeature>(endpoint);
        var status = 0;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch
        {
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            var route = (endpoint.First as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : Unmatched;
            metrics.RequestCompleted(route, context.Request.Method, status, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Remembers the endpoint that routing chose on the first pass. The error handler and the status code pages
    /// run the pipeline again for /error; without this the request would be recorded under the error page's route
    /// instead of its own (or instead of "unmatched").
    /// </summary>
    private sealed class FirstEndpointFeature : IEndpointFeature
    {
        private readonly IFeatureCollection _features;
        private readonly IEndpointFeature? _inner;
        private Endpoint? _own; // used when the server offers no endpoint feature of its own
        private bool _settled;

        public FirstEndpointFeature(IFeatureCollection features)
        {
            _features = features;
            _inner = features.Get<IEndpointFeature>();
            First = _inner?.Endpoint;
        }

        public Endpoint? First { get; private set; }

        public Endpoint? Endpoint
        {
            get => _inner is null ? _own : _inner.Endpoint;
            set
            {
                if (_inner is null) _own = value; else _inner.Endpoint = value;
                // Clearing the endpoint, or a re-execution feature being present, means the first pass is over.
                if (_settled || value is null || IsReExecution())
                {
                    _settled = true;
                    return;
                }
                First ??= value;
            }
        }

        private bool IsReExecution() =>
            _features.Get<IStatusCodeReExecuteFeature>() is not null || _features.Get<IExceptionHandlerFeature>() is not null;
    }
}
