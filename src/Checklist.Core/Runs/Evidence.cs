using System.Text.RegularExpressions;

namespace Checklist.Core.Runs;

/// <summary>File, link and note are what people attach; Probe is what a verification recorded.</summary>
public enum EvidenceKind { File, Link, Note, Probe }

/// <summary>
/// What a person wants to attach, validated before it touches a run. Files are stored by the web app first;
/// the run keeps their SHA-256, size, content type and storage key.
/// </summary>
public sealed partial record EvidenceDraft
{
    private EvidenceDraft(EvidenceKind kind) => Kind = kind;

    public EvidenceKind Kind { get; }
    public string? Url { get; private init; }
    public string? Text { get; private init; }
    public string? FileName { get; private init; }
    public string? Sha256 { get; private init; }
    public long? SizeBytes { get; private init; }
    public string? ContentType { get; private init; }
    public string? StorageKey { get; private init; }

    public static EvidenceDraft Link(string url, string? title = null)
    {
        // Only http and https: a javascript: or file: link shown on the run page would be an attack or useless.
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw Invalid($"a link must be an absolute http or https URL, not '{url}'");
        return new EvidenceDraft(EvidenceKind.Link) { Url = uri.ToString(), Text = Blank(title) ? null : title!.Trim() };
    }

    public static EvidenceDraft Note(string text)
    {
        if (Blank(text)) throw Invalid("a note needs text");
        return new EvidenceDraft(EvidenceKind.Note) { Text = text.Trim() };
    }

    public static EvidenceDraft File(string fileName, string sha256, long sizeBytes, string contentType, string storageKey)
    {
        if (Blank(fileName)) throw Invalid("a file needs a name");
        if (sha256 is null || !Sha256Hex().IsMatch(sha256))
            throw Invalid($"the SHA-256 of '{fileName}' must be 64 hexadecimal characters");
        if (sizeBytes < 0) throw Invalid($"the size of '{fileName}' cannot be negative");
        if (Blank(contentType)) throw Invalid($"'{fileName}' needs a content type");
        if (Blank(storageKey)) throw Invalid($"'{fileName}' needs the storage key it was saved under");
        return new EvidenceDraft(EvidenceKind.File)
        {
            FileName = Path.GetFileName(fileName.Trim()),
            Sha256 = sha256.ToLowerInvariant(),
            SizeBytes = sizeBytes,
            ContentType = contentType.Trim(),
            StorageKey = storageKey.Trim(),
        };
    }

    internal static EvidenceDraft Probe(string summary, string evidenceRef) =>
        new(EvidenceKind.Probe) { Text = summary, StorageKey = evidenceRef };

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static RuleViolationException Invalid(string detail) =>
        new(RunRules.Evidence, RuleViolationKind.Invalid, detail);

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();
}

/// <summary>
/// One piece of evidence on an item. Evidence is never deleted: a correction supersedes it, and the old
/// piece stays visible with who replaced it and when.
/// </summary>
public sealed class Evidence
{
    private Evidence() { }

    internal Evidence(EvidenceDraft draft, Actor author, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        Kind = draft.Kind;
        Url = draft.Url;
        Text = draft.Text;
        FileName = draft.FileName;
        Sha256 = draft.Sha256;
        SizeBytes = draft.SizeBytes;
        ContentType = draft.ContentType;
        StorageKey = draft.StorageKey;
        AuthorId = author.Id;
        AuthorName = author.Name;
        AddedAt = at;
    }

    public Guid Id { get; private set; }
    public EvidenceKind Kind { get; private set; }
    public string? Url { get; private set; }
    public string? Text { get; private set; }
    public string? FileName { get; private set; }
    public string? Sha256 { get; private set; }
    public long? SizeBytes { get; private set; }
    public string? ContentType { get; private set; }
    /// <summary>Where the web app keeps the file; for probe evidence, the reference to the stored probe result.</summary>
    public string? StorageKey { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
    public Guid? SupersededById { get; private set; }
    public string? SupersededByActorId { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsActive => SupersededAt is null;

    internal void Supersede(Guid replacementId, Actor actor, DateTimeOffset at)
    {
        SupersededById = replacementId;
        SupersededByActorId = actor.Id;
        SupersededAt = at;
    }

    public string Describe() => Kind switch
    {
        EvidenceKind.File => $"file {FileName} (sha256 {Sha256})",
        EvidenceKind.Link => $"link {Url}",
        EvidenceKind.Note => "note",
        _ => $"probe result {StorageKey}",
    };
}
