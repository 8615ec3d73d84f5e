using System.Security.Cryptography;
using System.Text;

namespace Checklist.Core.Runbooks;

/// <summary>
/// A rendered runbook: the Markdown that is frozen at the go-live decision, the SHA-256 (lower-case hex)
/// of its UTF-8 bytes, and its HTML through <see cref="MarkdownRenderer"/>. Building one from stored
/// Markdown gives the same hash, which is how a frozen runbook is checked.
/// </summary>
public sealed class RunbookDocument
{
    public RunbookDocument(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        Markdown = markdown;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        Html = MarkdownRenderer.ToHtml(markdown);
    }

    public string Markdown { get; }

    public string Sha256 { get; }

    public string Html { get; }
}
