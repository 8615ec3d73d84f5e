using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Checklist.Core.Kubernetes.Client;

namespace Checklist.Core.Tests.Kubernetes.Client;

/// <summary>One request as the fake server received it.</summary>
public sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A small Kubernetes API server on 127.0.0.1 over real TLS (TcpListener + SslStream + just enough HTTP/1.1),
/// serving discovery, GET and paged LIST with label selectors from the objects it is given. Failures (401, 403,
/// 429/503, slow answers) are switched on per path so that the client's handling of each can be tested.
/// Kestrel is not available to the test projects, and HttpListener has no TLS on Linux.
/// </summary>
public sealed partial class FakeKubeApiServer : IAsyncDisposable
{
    private const string MetadataOnlyMarker = "as=PartialObjectMetadataList";

    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2? _clientAuthority;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _objects = [];
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly List<(string PathPrefix, int Status, string? RetryAfter, bool OnlyWhenContinuing)> _failures = [];
    private readonly Dictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forbidden = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _connections = [];

    /// <param name="certificate">The server certificate, with its key.</param>
    /// <param name="clientAuthority">When given, a client certificate signed by it is required.</param>
    public FakeKubeApiServer(X509Certificate2 certificate, X509Certificate2? clientAuthority = null)
    {
        _certificate = certificate;
        _clientAuthority = clientAuthority;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri Address { get; }
    public string GitVersion { get; set; } = "v1.31.2";
    /// <summary>When set, requests must carry <c>Authorization: Bearer</c> with this token, else 401.</summary>
    public string? RequiredToken { get; set; }
    /// <summary>The group/versions discovery reports; lists of any other answer 404.</summary>
    public HashSet<string> GroupVersions { get; } =
    [
        "v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "policy/v1", "autoscaling/v1", "autoscaling/v2",
        "rbac.authorization.k8s.io/v1",
    ];

    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    /// <summary>Adds an object (with apiVersion, kind and metadata) to what the server holds.</summary>
    public void Add(JsonObject item)
    {
        lock (_lock) _objects.Add(item);
    }

    public void AddRange(IEnumerable<JsonObject> items)
    {
        lock (_lock) _objects.AddRange(items);
    }

    /// <summary>Answers <paramref name="status"/> to the next request whose path starts with the prefix (queue more for several);
    /// with <paramref name="onlyWhenContinuing"/>, only to a request for a second or later page.</summary>
    public void FailNext(string pathPrefix, int status, string? retryAfter = null, bool onlyWhenContinuing = false)
    {
        lock (_lock) _failures.Add((pathPrefix, status, retryAfter, onlyWhenContinuing));
    }

    /// <summary>Waits before answering any request whose path starts with the prefix.</summary>
    public void Delay(string pathPrefix, TimeSpan delay)
    {
        lock (_lock) _delays[pathPrefix] = delay;
    }

    /// <summary>Answers 403 with a Status body to every LIST of the resource (plural name, e.g. deployments).</summary>
    public void Forbid(string plural)
    {
        lock (_lock) _forbidden.Add(plural);
    }

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _acceptLoop; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
        await Task.WhenAll(_connections.ToArray()).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(Task.Run(() => ServeConnectionAsync(tcp)));
        }
    }

    private async Task ServeConnectionAsync(TcpClient tcp)
    {
        using var _ = tcp;
        try
        {
            await using var tls = new SslStream(tcp.GetStream(), false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                ClientCertificateRequired = _clientAuthority is not null,
                RemoteCertificateValidationCallback = _clientAuthority is null ? null : ValidateClientCertificate,
            }, _stop.Token);
            using var reader = new StreamReader(tls, Encoding.ASCII, false, 4096, leaveOpen: true);
            while (!_stop.IsCancellationRequested)
            {
                var requestLine = await reader.ReadLineAsync(_stop.Token);
                if (string.IsNullOrEmpty(requestLine)) return;
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                string? line;
                while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(_stop.Token)))
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                var parts = requestLine.Split(' ');
                var target = parts.Length > 1 ? parts[1] : "/";
                var request = new FakeRequest(parts[0], target.Split('?')[0], ParseQuery(target), headers);
                _requests.Enqueue(request);
                var response = await AnswerAsync(request);
                await tls.WriteAsync(response, _stop.Token);
                await tls.FlushAsync(_stop.Token);
                if (headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase)) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away, timed out, or failed the handshake: that is what several tests are about.
        }
    }

    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_clientAuthority!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    private async Task<byte[]> AnswerAsync(FakeRequest request)
    {
        TimeSpan delay = TimeSpan.Zero;
        (string PathPrefix, int Status, string? RetryAfter, bool OnlyWhenContinuing)? failure = null;
        lock (_lock)
        {
            foreach (var (prefix, wait) in _delays)
            {
                if (request.Path.StartsWith(prefix, StringComparison.Ordinal)) delay = wait;
            }
            var index = _failures.FindIndex(f => request.Path.StartsWith(f.PathPrefix, StringComparison.Ordinal)
                && (!f.OnlyWhenContinuing || request.Query.ContainsKey("continue")));
            if (index >= 0)
            {
                failure = _failures[index];
                _failures.RemoveAt(index);
            }
        }
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);

        if (request.Method != "GET") return Status(405, "MethodNotAllowed", $"the fake API server only serves GET, not {request.Method}");
        if (RequiredToken is not null && (!request.Headers.TryGetValue("Authorization", out var auth) || auth != $"Bearer {RequiredToken}"))
            return Status(401, "Unauthorized", "Unauthorized");
        if (failure is { } fail)
            return fail.Status == 410
                ? Status(410, "Expired", "The provided continue parameter is too old to display a consistent list result.")
                : Status(fail.Status, fail.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "the server is busy, try again", fail.RetryAfter);

        return request.Path switch
        {
            "/version" => Json(200, new JsonObject { ["major"] = "1", ["minor"] = "31", ["gitVersion"] = GitVersion, ["platform"] = "linux/amd64" }),
            "/api" => Json(200, new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray(GroupVersions.Where(gv => !gv.Contains('/')).Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            }),
            "/apis" => Json(200, GroupList()),
            _ => AnswerResource(request),
        };
    }

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var group in GroupVersions.Where(gv => gv.Contains('/')).GroupBy(gv => gv[..gv.IndexOf('/')]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var versions = group.Select(gv => (JsonNode)new JsonObject { ["groupVersion"] = gv, ["version"] = gv[(gv.IndexOf('/') + 1)..] }).ToArray();
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = new JsonArray(versions),
                ["preferredVersion"] = versions[0]!.DeepClone(),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private byte[] AnswerResource(FakeRequest request)
    {
        var match = ResourcePath().Match(request.Path);
        if (!match.Success) return Status(404, "NotFound", "the server could not find the requested resource");
        var groupVersion = match.Groups["core"].Success ? match.Groups["core"].Value : $"{match.Groups["group"].Value}/{match.Groups["version"].Value}";
        var ns = match.Groups["ns"].Success ? match.Groups["ns"].Value : null;
        var plural = match.Groups["plural"].Value;
        var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
        // "/api/v1/namespaces/x" is a GET of namespace x, not a list in it.
        if (ns is not null && plural.Length == 0) (plural, name, ns) = ("namespaces", ns, null);
        if (!GroupVersions.Contains(groupVersion)) return Status(404, "NotFound", "the server could not find the requested resource");
        var group = groupVersion.Contains('/') ? groupVersion[..groupVersion.IndexOf('/')] : "";
        var qualified = group.Length == 0 ? plural : $"{plural}.{group}";
        bool forbidden;
        lock (_lock) forbidden = _forbidden.Contains(plural);
        if (forbidden)
        {
            var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
            return Status(403, "Forbidden",
                $"{qualified} is forbidden: User \"system:serviceaccount:checklist:reader\" cannot {(name is null ? "list" : "get")} resource \"{plural}\" in API group \"{group}\" {scope}",
                details: new JsonObject { ["group"] = group, ["kind"] = plural });
        }

        List<JsonObject> matching;
        lock (_lock)
        {
            matching = _objects.Where(o => (string?)o["apiVersion"] == groupVersion && Plural(o) == plural
                && (ns is null || (string?)o["metadata"]?["namespace"] == ns)).ToList();
        }
        var metadataOnly = request.Headers.TryGetValue("Accept", out var accept) && accept.Contains(MetadataOnlyMarker, StringComparison.Ordinal);

        if (name is not null)
        {
            var found = matching.FirstOrDefault(o => (string?)o["metadata"]?["name"] == name);
            return found is null
                ? Status(404, "NotFound", $"{qualified} \"{name}\" not found", details: new JsonObject { ["name"] = name, ["kind"] = plural })
                : Json(200, (JsonObject)found.DeepClone());
        }

        if (request.Query.TryGetValue("labelSelector", out var selector) && selector.Length > 0)
        {
            try
            {
                matching = matching.Where(o => LabelSelector.Matches(selector, o["metadata"]?["labels"] as JsonObject)).ToList();
            }
            catch (FormatException e)
            {
                return Status(400, "BadRequest", $"unable to parse requirement: {e.Message}");
            }
        }
        var offset = 0;
        if (request.Query.TryGetValue("continue", out var continueToken) && continueToken.Length > 0)
            offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(continueToken)), System.Globalization.CultureInfo.InvariantCulture);
        var limit = request.Query.TryGetValue("limit", out var limitText) ? int.Parse(limitText, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        var page = matching.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count;
        var listMetadata = new JsonObject { ["resourceVersion"] = "12345" };
        if (next < matching.Count)
        {
            listMetadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            listMetadata["remainingItemCount"] = matching.Count - next;
        }
        var items = new JsonArray();
        foreach (var item in page)
        {
            if (metadataOnly)
            {
                items.Add(new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]!.DeepClone() });
                continue;
            }
            // A typed list's items carry no apiVersion or kind; the client has to put them back.
            var copy = (JsonObject)item.DeepClone();
            copy.Remove("apiVersion");
            copy.Remove("kind");
            items.Add(copy);
        }
        var kind = matching.Count > 0 ? (string?)matching[0]["kind"] : null;
        return Json(200, new JsonObject
        {
            ["kind"] = metadataOnly ? "PartialObjectMetadataList" : $"{kind ?? "Object"}List",
            ["apiVersion"] = metadataOnly ? "meta.k8s.io/v1" : groupVersion,
            ["metadata"] = listMetadata,
            ["items"] = items,
        });
    }

    private static string Plural(JsonObject item)
    {
        var kind = (string?)item["kind"] ?? "";
        var known = KubeResources.ForProbes.Append(KubeResources.Namespaces).FirstOrDefault(r => r.Kind == kind);
        return known?.Plural ?? kind.ToLowerInvariant() + "s";
    }

    private static Dictionary<string, string> ParseQuery(string target)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var mark = target.IndexOf('?');
        if (mark < 0) return query;
        foreach (var pair in target[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            query[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return query;
    }

    private static byte[] Status(int code, string reason, string message, string? retryAfter = null, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null) status["details"] = details;
        return Json(code, status, retryAfter);
    }

    private static byte[] Json(int code, JsonObject body, string? retryAfter = null)
    {
        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        var head = new StringBuilder()
            .Append($"HTTP/1.1 {code} {ReasonPhrase(code)}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append($"Content-Length: {payload.Length}\r\n");
        if (retryAfter is not null) head.Append($"Retry-After: {retryAfter}\r\n");
        head.Append("Connection: keep-alive\r\n\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var response = new byte[headBytes.Length + payload.Length];
        headBytes.CopyTo(response, 0);
        payload.CopyTo(response, headBytes.Length);
        return response;
    }

    private static string ReasonPhrase(int code) => code switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };

    [GeneratedRegex("^/(?:api/(?<core>v1)|apis/(?<group>[^/]+)/(?<version>[^/]+))(?:/namespaces/(?<ns>[^/]+))?(?:/(?<plural>[^/]+)(?:/(?<name>[^/]+))?)?$")]
    private static partial Regex ResourcePath();
}

/// <summary>Label selector matching as the API server does it: equality (=, ==, !=) and set-based (in, notin, exists, !exists).</summary>
public static partial class LabelSelector
{
    public static bool Matches(string selector, JsonObject? labels)
    {
        string? Label(string key) => labels?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        foreach (var requirement in Split(selector))
        {
            var set = SetRequirement().Match(requirement);
            if (set.Success)
            {
                var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var actual = Label(set.Groups["key"].Value);
                var inSet = actual is not null && values.Contains(actual);
                if (set.Groups["op"].Value == "in" ? !inSet : inSet) return false;
                continue;
            }
            var equality = EqualityRequirement().Match(requirement);
            if (equality.Success)
            {
                var actual = Label(equality.Groups["key"].Value);
                var equal = actual == equality.Groups["value"].Value;
                if (equality.Groups["op"].Value == "!=" ? equal : !equal) return false;
                continue;
            }
            var exists = ExistsRequirement().Match(requirement);
            if (!exists.Success) throw new FormatException($"\"{requirement}\" is not a label requirement");
            var present = Label(exists.Groups["key"].Value) is not null;
            if (exists.Groups["not"].Success ? present : !present) return false;
        }
        return true;
    }

    /// <summary>Splits on commas outside parentheses: "a in (x,y),b=c" is two requirements.</summary>
    private static IEnumerable<string> Split(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(') depth++;
            else if (selector[i] == ')') depth--;
            else if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i].Trim();
                start = i + 1;
            }
        }
        yield return selector[start..].Trim();
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s*(?<op>==|=|!=)\s*(?<value>[A-Za-z0-9._-]*)$")]
    private static partial Regex EqualityRequirement();

    [GeneratedRegex(@"^(?<not>!)?(?<key>[A-Za-z0-9./_-]+)$")]
    private static partial Regex ExistsRequirement();
}
