namespace Checklist.Web.Verification;

/// <summary>
/// Rendered manifests uploaded to a run (PUT /api/v1/runs/{id}/manifests), kept as the text that was sent. Every
/// upload is a new row, so a verification names exactly the bundle it read; the newest is the one verified.
/// </summary>
public sealed class ManifestBundle
{
    private ManifestBundle() { }

    public ManifestBundle(Guid runId, string fileName, string contentType, string content, string sha256, int objectCount,
        DateTimeOffset uploadedAt, string uploadedById, string uploadedByName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        Id = Guid.NewGuid();
        RunId = runId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        SizeBytes = System.Text.Encoding.UTF8.GetByteCount(content);
        Sha256 = sha256;
        ObjectCount = objectCount;
        UploadedAt = uploadedAt;
        UploadedById = uploadedById;
        UploadedByName = uploadedByName;
    }

    public Guid Id { get; private set; }
    public Guid RunId { get; private set; }
    /// <summary>The name errors and findings cite (manifests.yaml or manifests.json).</summary>
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public string Content { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public int ObjectCount { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedById { get; private set; } = "";
    public string UploadedByName { get; private set; } = "";
}
