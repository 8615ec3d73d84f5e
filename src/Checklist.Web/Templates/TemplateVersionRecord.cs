using Checklist.Core.Checklists;

namespace Checklist.Web.Templates;

/// <summary>
/// One version of a checklist template as it was first loaded. Rows are only ever added: a changed file is a
/// new row, and the old one stays so that runs created from it, and the version history, keep their content.
/// </summary>
public sealed class TemplateVersionRecord
{
    private TemplateVersionRecord() { }

    public TemplateVersionRecord(TemplateVersion version, DateTimeOffset firstLoadedAt)
    {
        ArgumentNullException.ThrowIfNull(version);
        Id = Guid.NewGuid();
        TemplateId = version.Id;
        ContentHash = version.ContentHash;
        Title = version.Template.Title;
        CanonicalJson = version.CanonicalJson;
        RawText = version.RawText;
        ItemCount = version.Template.Items.Count;
        FirstLoadedAt = firstLoadedAt;
    }

    public Guid Id { get; private set; }
    public string TemplateId { get; private set; } = "";
    /// <summary>SHA-256 of <see cref="CanonicalJson"/>; unique, because the canonical form includes the template id.</summary>
    public string ContentHash { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The resolved template (derived templates included): what the version is rebuilt from.</summary>
    public string CanonicalJson { get; private set; } = "";
    /// <summary>The template's own file as read, kept for people; a derived template's file alone does not define it.</summary>
    public string RawText { get; private set; } = "";
    public int ItemCount { get; private set; }
    public DateTimeOffset FirstLoadedAt { get; private set; }
}
