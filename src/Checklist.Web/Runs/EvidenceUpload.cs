namespace Checklist.Web.Runs;

/// <summary>A file read from an upload, with the SHA-256 computed while it streamed in.</summary>
public sealed record EvidenceUpload(string FileName, string ContentType, byte[] Content, string Sha256)
{
    public long SizeBytes => Content.LongLength;
}

/// <summary>A multipart upload read from the request: its text fields and at most one file.</summary>
public sealed record EvidenceForm(IReadOnlyDictionary<string, string> Fields, EvidenceUpload? File)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

/// <summary>An upload refused before it reached a run: too large, not multipart, malformed. <see cref="StatusCode"/> is the HTTP status.</summary>
public sealed class EvidenceUploadException(string message, int statusCode) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
