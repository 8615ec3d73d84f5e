namespace Checklist.Core.Checklists;

/// <summary>
/// The outcome of loading a set of template files: every template that resolved, and every error found in
/// any file (sorted by file, line, column). The app must not use a catalog with errors.
/// </summary>
public sealed class TemplateCatalog
{
    private readonly Dictionary<string, TemplateVersion> byId;

    public TemplateCatalog(IEnumerable<TemplateVersion> templates, IEnumerable<TemplateError> errors)
    {
        Templates = Array.AsReadOnly(templates.OrderBy(t => t.Id, StringComparer.Ordinal).ToArray());
        Errors = Array.AsReadOnly(errors
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ToArray());
        byId = Templates.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<TemplateVersion> Templates { get; }
    public IReadOnlyList<TemplateError> Errors { get; }
    public bool IsValid => Errors.Count == 0;

    /// <summary>Items over all templates, each template counted with its resolved (flat) items.</summary>
    public int ItemCount => Templates.Sum(t => t.Template.Items.Count);

    public TemplateVersion? Find(string templateId) => byId.GetValueOrDefault(templateId);
}
