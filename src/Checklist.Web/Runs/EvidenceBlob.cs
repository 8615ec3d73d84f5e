namespace Checklist.Web.Runs;

/// <summary>
/// The bytes of an evidence file, stored in the database so that replicas keep no files of their own. Keyed by
/// the SHA-256 of the content: the same file attached twice (to two items, or two runs) is stored once.
/// </summary>
public sealed class EvidenceBlob
{
    private EvidenceBlob() { }

    public EvidenceBlob(string sha256, byte[] content, DateTimeOffset storedAt)
    {
        Sha256 = sha256;
        Content = content;
        SizeBytes = content.LongLength;
        StoredAt = storedAt;
    }

    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public long SizeBytes { get; private set; }
    public DateTimeOffset StoredAt { get; private set; }
}
