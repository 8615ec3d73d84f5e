using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// A read-only Kubernetes API client. Read-only by construction: its only operations are a GET of a path and a
/// LIST of a resource, and every request goes through one private method that always sends GET. It never
/// returns Secret data: Secrets are listed as metadata only and a GET of a Secret is refused.
/// </summary>
public sealed class KubeApiClient : IDisposable
{
    private const string JsonAccept = "application/json";
    // Asks the server for metadata only; the server then never sends a Secret's data or a ConfigMap's contents.
    private const string MetadataOnlyAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private readonly HttpClient _http;
    private readonly KubeCredentials _credentials;
    private readonly ServerCertificateValidator _validator;
    private readonly TimeProvider _time;
    private readonly string _baseAddress;

    public KubeApiClient(KubeConnection connection, KubeClientOptions? options = null, TimeProvider? time = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Options = options ?? KubeClientOptions.Default;
        _time = time ?? TimeProvider.System;
        _validator = new ServerCertificateValidator(connection);
        _credentials = new KubeCredentials(connection, Options, _time);
        // A server URL may carry a path prefix (Rancher, proxies); API paths are appended to it.
        _baseAddress = connection.Server.GetLeftPart(UriPartial.Path).TrimEnd('/');

        var tls = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = _validator.Validate };
        if (connection.ClientCertificatePem is not null || connection.Exec is not null)
            tls.LocalCertificateSelectionCallback = (_, _, _, _, _) => _credentials.CurrentCertificate!;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = Options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            SslOptions = tls,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("checklist-verify/1.0");
    }

    public KubeConnection Connection { get; }
    public KubeClientOptions Options { get; }

    /// <summary>GETs one path (e.g. <c>/api/v1/namespaces/shop</c>) and returns the JSON object the server sent.</summary>
    /// <exception cref="KubeApiException">The request failed, or the path names a Secret.</exception>
    public async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.StartsWith('/')) throw new ArgumentException($"The path \"{path}\" must start with /.", nameof(path));
        var target = RequestTarget.Parse("get", path);
        if (target.IsSecret)
            throw new KubeApiException(KubeApiFailure.Refused,
                "Reading Secrets is refused: this client never returns Secret data. List them with KubeResources.Secrets, which reads their metadata only.",
                requestPath: path);
        return await SendAsync(path, JsonAccept, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// LISTs a resource in one namespace (or in all, when <paramref name="namespace"/> is null or the resource
    /// is listed across namespaces), page by page with <c>limit</c> and <c>continue</c>. Items get their
    /// apiVersion and kind from <paramref name="resource"/>, since list items carry none.
    /// </summary>
    public async Task<IReadOnlyList<KubeObject>> ListAsync(KubeResource resource, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var metadataOnly = resource.MetadataOnly || resource.IsSecret;
        var scope = resource.Namespaced && !resource.AllNamespaces ? @namespace : null;
        var path = resource.ListPath(scope);
        var target = new RequestTarget("list", resource.Group, resource.Version, resource.Plural, scope, null, resource.Namespaced);
        var selector = string.IsNullOrWhiteSpace(labelSelector) ? "" : "&labelSelector=" + Uri.EscapeDataString(labelSelector.Trim());
        var items = new List<KubeObject>();
        string? continueToken = null;
        var restarted = false;
        while (true)
        {
            var query = $"?limit={Options.PageSize}{selector}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            JsonObject page;
            try
            {
                page = await SendAsync(path + query, metadataOnly ? MetadataOnlyAccept : JsonAccept, target, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.StatusCode == (int)HttpStatusCode.Gone && continueToken is not null && !restarted)
            {
                // The continue token expired mid-list (the list changed too much): start once more from the top.
                restarted = true;
                items.Clear();
                continueToken = null;
                continue;
            }
            AddItems(page, resource, metadataOnly, path + query, items);
            continueToken = page["metadata"]?["continue"] is JsonValue v && v.TryGetValue<string>(out var next) && next.Length > 0 ? next : null;
            if (continueToken is null) return items;
        }
    }

    /// <summary>The group/versions the cluster serves, from <c>/api</c> and <c>/apis</c>.</summary>
    public async Task<ServedApis> DiscoverAsync(CancellationToken cancellationToken)
    {
        var groupVersions = new List<string>();
        var core = await GetAsync("/api", cancellationToken).ConfigureAwait(false);
        foreach (var version in core["versions"] as JsonArray ?? [])
        {
            if (version is JsonValue value && value.TryGetValue<string>(out var text)) groupVersions.Add(text);
        }
        var groups = await GetAsync("/apis", cancellationToken).ConfigureAwait(false);
        foreach (var group in groups["groups"] as JsonArray ?? [])
        {
            foreach (var version in group?["versions"] as JsonArray ?? [])
            {
                if (version?["groupVersion"] is JsonValue value && value.TryGetValue<string>(out var text)) groupVersions.Add(text);
            }
        }
        if (groupVersions.Count == 0)
            throw new KubeApiException(KubeApiFailure.BadResponse,
                $"{Connection.Server} answered /api and /apis with no API versions: is this address a Kubernetes API server?", requestPath: "/apis");
        return new ServedApis(groupVersions);
    }

    /// <summary>The server's gitVersion from <c>/version</c>, e.g. v1.31.2.</summary>
    public async Task<string?> GetServerVersionAsync(CancellationToken cancellationToken)
    {
        var version = await GetAsync("/version", cancellationToken).ConfigureAwait(false);
        return version["gitVersion"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public void Dispose()
    {
        _http.Dispose();
        _credentials.Dispose();
    }

    /// <summary>The one place a request is made; the verb is fixed to GET, which is what keeps the client read-only.</summary>
    private async Task<JsonObject> SendAsync(string pathAndQuery, string accept, RequestTarget target, CancellationToken cancellationToken)
    {
        var credentialsRefreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await _credentials.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, _baseAddress + pathAndQuery);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return await ReadJsonAsync(response, pathAndQuery, timeout.Token).ConfigureAwait(false);

                var status = (int)response.StatusCode;
                var body = await ReadErrorBodyAsync(response, timeout.Token).ConfigureAwait(false);
                if (status == 401 && !credentialsRefreshed && _credentials.CanRefresh)
                {
                    // A rotated token file or an exec credential that expired early: fetch new credentials once.
                    credentialsRefreshed = true;
                    _credentials.Refresh();
                    attempt--;
                    continue;
                }
                if ((status == 429 || status >= 500) && attempt < Options.MaxAttempts)
                {
                    await Task.Delay(RetryDelay(response, attempt), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw StatusError(status, response.ReasonPhrase, body, target, pathAndQuery, attempt);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new KubeApiException(KubeApiFailure.Timeout,
                    $"Timeout: {Connection.Server} did not answer within {Options.RequestTimeout.TotalSeconds:0.###} s ({target.Describe()}). The API server may be overloaded or unreachable through a firewall.",
                    requestPath: pathAndQuery, innerException: e);
            }
            catch (HttpRequestException e)
            {
                throw TransportError(e, target, pathAndQuery);
            }
            catch (IOException e)
            {
                throw new KubeApiException(KubeApiFailure.Connection,
                    $"The connection to {Connection.Server} broke while reading the answer ({target.Describe()}): {e.Message}", requestPath: pathAndQuery, innerException: e);
            }
        }
    }

    private async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, string pathAndQuery, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new KubeApiException(KubeApiFailure.BadResponse,
                $"{Connection.Server} answered {pathAndQuery} with something that is not JSON ({type}): is the server address a Kubernetes API server and not a proxy or login page?",
                (int)response.StatusCode, pathAndQuery, e);
        }
        return node as JsonObject ?? throw new KubeApiException(KubeApiFailure.BadResponse,
            $"{Connection.Server} answered {pathAndQuery} with JSON that is not an object.", (int)response.StatusCode, pathAndQuery);
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Length <= 4000 ? body : body[..4000];
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (asked is { } wait)
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Options.MaxRetryAfter ? Options.MaxRetryAfter : wait;
        var backoff = Options.InitialBackoff * Math.Pow(2, attempt - 1);
        return backoff > Options.MaxBackoff ? Options.MaxBackoff : backoff;
    }

    private KubeApiException StatusError(int status, string? reasonPhrase, string body, RequestTarget target, string pathAndQuery, int attempts)
    {
        var serverSaid = StatusMessage(body);
        var said = serverSaid is null ? "" : $" The server said: {serverSaid}";
        var who = Connection.Name;
        return status switch
        {
            401 => new KubeApiException(KubeApiFailure.Unauthorized,
                $"Unauthorized (401): {Connection.Server} rejected the credentials of {who}" +
                (_credentials.CanRefresh || Connection.BearerToken is not null || Connection.ClientCertificatePem is not null
                    ? ": the token or client certificate is invalid or has expired. Renew it (a new token, or log in again for an exec plugin)."
                    : ": no credentials were configured. Add a token, a client certificate or an exec plugin.") + said,
                status, pathAndQuery),
            403 => new KubeApiException(KubeApiFailure.Forbidden,
                $"Forbidden (403): the credentials of {who} may not {target.Describe()}. Grant that permission with a Role or ClusterRole bound to them.{said}",
                status, pathAndQuery),
            404 when target.Name is not null => new KubeApiException(KubeApiFailure.NotFound,
                $"Not found (404): {target.Describe(withVerb: false)} does not exist on {Connection.Server}.{said}", status, pathAndQuery),
            404 when target.Resource is not null => new KubeApiException(KubeApiFailure.NotFound,
                $"Not found (404): the cluster does not serve {target.Resource} in {target.GroupVersion}: that API group or version is not installed (a missing CRD or an older Kubernetes).{said}",
                status, pathAndQuery),
            404 => new KubeApiException(KubeApiFailure.NotFound, $"Not found (404): {Connection.Server} has no {pathAndQuery}.{said}", status, pathAndQuery),
            400 => new KubeApiException(KubeApiFailure.BadRequest, $"Bad request (400) for {target.Describe()}: check the label selector and namespace.{said}", status, pathAndQuery),
            429 or >= 500 => new KubeApiException(KubeApiFailure.ServerError,
                $"The API server answered {status} {reasonPhrase} to {target.Describe()} {attempts} time(s); try again later.{said}", status, pathAndQuery),
            _ => new KubeApiException(KubeApiFailure.BadResponse, $"The API server answered {status} {reasonPhrase} to {target.Describe()}.{said}", status, pathAndQuery),
        };
    }

    private static string? StatusMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject status && status["message"] is JsonValue value && value.TryGetValue<string>(out var message))
                return message;
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy's page, for instance): show its start instead.
        }
        var text = body.Trim();
        return text.Length <= 300 ? text : text[..300] + " ...";
    }

    private KubeApiException TransportError(HttpRequestException e, RequestTarget target, string pathAndQuery)
    {
        var server = Connection.Server;
        var socket = Innermost<SocketException>(e);
        if (e.HttpRequestError == HttpRequestError.NameResolutionError || socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
            return new KubeApiException(KubeApiFailure.HostNotFound,
                $"Host not found: \"{server.Host}\" (the server of {Connection.Name}) does not resolve in DNS. Check the server address and this machine's DNS.",
                requestPath: pathAndQuery, innerException: e);
        if (socket?.SocketErrorCode == SocketError.ConnectionRefused)
            return new KubeApiException(KubeApiFailure.ConnectionRefused,
                $"Connection refused: nothing accepts connections on {server.Host}:{server.Port}. Check the server address and port, and that the API server is running.",
                requestPath: pathAndQuery, innerException: e);
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            var reason = _validator.LastRefusal
                ?? $"{InnermostMessage(e)} (if the server requires a client certificate, check client-certificate-data and client-key-data)";
            return new KubeApiException(KubeApiFailure.Tls, $"TLS handshake with {server.Host}:{server.Port} failed: {reason}.", requestPath: pathAndQuery, innerException: e);
        }
        if (e.HttpRequestError == HttpRequestError.ResponseEnded)
            return new KubeApiException(KubeApiFailure.Connection,
                $"{server} closed the connection without answering ({target.Describe()}). " + (server.Scheme == Uri.UriSchemeHttp
                    ? "The address says http://: API servers speak HTTPS, so try https://."
                    : "A server that requires a client certificate does this when it refuses the one sent, or gets none."),
                requestPath: pathAndQuery, innerException: e);
        return new KubeApiException(KubeApiFailure.Connection,
            $"Cannot reach {server} ({target.Describe()}): {InnermostMessage(e)}", requestPath: pathAndQuery, innerException: e);
    }

    private static T? Innermost<T>(Exception e) where T : Exception
    {
        T? found = null;
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T match) found = match;
        }
        return found;
    }

    private static string InnermostMessage(Exception e)
    {
        var current = e;
        while (current.InnerException is not null) current = current.InnerException;
        return current.Message.TrimEnd('.');
    }

    private static void AddItems(JsonObject page, KubeResource resource, bool metadataOnly, string pathAndQuery, List<KubeObject> items)
    {
        if (page["kind"] is JsonValue kindValue && kindValue.TryGetValue<string>(out var listKind) && !listKind.EndsWith("List", StringComparison.Ordinal))
            throw new KubeApiException(KubeApiFailure.BadResponse, $"The answer to {pathAndQuery} is a {listKind}, not a list.", requestPath: pathAndQuery);
        var array = page["items"] switch
        {
            null => null,
            JsonArray a => a,
            _ => throw new KubeApiException(KubeApiFailure.BadResponse, $"The answer to {pathAndQuery} has items that are not a list.", requestPath: pathAndQuery),
        };
        if (array is null) return;
        // Detach the items from the page so each object owns its JSON.
        var nodes = array.ToArray();
        array.Clear();
        foreach (var node in nodes)
        {
            if (node is not JsonObject item)
                throw new KubeApiException(KubeApiFailure.BadResponse, $"The answer to {pathAndQuery} has an item that is not an object.", requestPath: pathAndQuery);
            items.Add(new KubeObject(Shape(item, resource, metadataOnly)));
        }
    }

    private static JsonObject Shape(JsonObject item, KubeResource resource, bool metadataOnly)
    {
        var metadata = item["metadata"] as JsonObject;
        // managedFields is bulky server bookkeeping that no probe reads.
        metadata?.Remove("managedFields");
        if (metadataOnly)
        {
            item.Remove("metadata");
            // Whatever the server sent, only metadata is kept; for a Secret the last-applied annotation would hold its data.
            if (resource.IsSecret && metadata?["annotations"] is JsonObject annotations) annotations.Remove(LastAppliedAnnotation);
            return new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind, ["metadata"] = metadata };
        }
        item.Remove("apiVersion");
        item.Remove("kind");
        item.Insert(0, "apiVersion", JsonValue.Create(resource.ApiVersion));
        item.Insert(1, "kind", JsonValue.Create(resource.Kind));
        return item;
    }
}
