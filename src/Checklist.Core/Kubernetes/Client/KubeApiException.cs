namespace Checklist.Core.Kubernetes.Client;

/// <summary>Why a request to the API server did not give an answer.</summary>
public enum KubeApiFailure
{
    /// <summary>The server's host name does not resolve.</summary>
    HostNotFound,
    /// <summary>Nothing listens on the server's address and port.</summary>
    ConnectionRefused,
    /// <summary>Any other network failure (reset, unreachable, closed mid-answer).</summary>
    Connection,
    /// <summary>The TLS handshake failed: untrusted certificate, name mismatch, rejected client certificate.</summary>
    Tls,
    /// <summary>No answer within the request timeout.</summary>
    Timeout,
    /// <summary>401: the credentials were rejected or have expired.</summary>
    Unauthorized,
    /// <summary>403: the credentials lack a permission.</summary>
    Forbidden,
    /// <summary>404: the object, or the API group/version, does not exist on this cluster.</summary>
    NotFound,
    /// <summary>400: the server refused the request itself (for example a malformed label selector).</summary>
    BadRequest,
    /// <summary>429 or 5xx after every retry.</summary>
    ServerError,
    /// <summary>The answer was not the JSON that was expected.</summary>
    BadResponse,
    /// <summary>Credentials could not be obtained (token file, exec plugin, client certificate).</summary>
    Credentials,
    /// <summary>The client refused the request: it would have read Secret data.</summary>
    Refused,
}

/// <summary>
/// A request to the Kubernetes API failed. The message says what failed and what to do about it, so that it
/// can be shown to a person as is.
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(KubeApiFailure failure, string message, int? statusCode = null, string? requestPath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        RequestPath = requestPath;
    }

    public KubeApiFailure Failure { get; }
    /// <summary>The HTTP status code when the server answered, else null.</summary>
    public int? StatusCode { get; }
    /// <summary>The path (and query) that was requested, when a request was sent.</summary>
    public string? RequestPath { get; }

    /// <summary>
    /// True for failures that concern one resource kind (a missing permission, a slow list, an unserved
    /// group); false for failures that mean the cluster cannot be read at all (DNS, TLS, credentials).
    /// </summary>
    public bool IsPerResource => Failure is KubeApiFailure.Forbidden or KubeApiFailure.Timeout or KubeApiFailure.NotFound
        or KubeApiFailure.ServerError or KubeApiFailure.BadResponse;
}
