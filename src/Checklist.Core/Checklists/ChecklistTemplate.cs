namespace Checklist.Core.Checklists;

/// <summary>
/// A checklist template with <c>extends</c> already resolved: <see cref="Items"/> is the flat list a run
/// is created from. <see cref="Extends"/> only records where the items came from.
/// </summary>
public sealed class ChecklistTemplate
{
    public ChecklistTemplate(string id, string title, string description, IEnumerable<TemplateItem> items, string? extends = null)
    {
        if (!TemplateItem.IsValidId(id))
        {
            throw new ArgumentException($"Template id '{id}' is not kebab-case.", nameof(id));
        }
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("A template needs a title.", nameof(title));
        }
        var list = items.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException($"Template '{id}' has no items.", nameof(items));
        }
        var duplicate = list.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Template '{id}' has item '{duplicate.Key}' twice.", nameof(items));
        }

        Id = id;
        Title = title;
        Description = description ?? "";
        Items = Array.AsReadOnly(list);
        Extends = extends;
    }

    /// <summary>The file name without <c>.yaml</c>.</summary>
    public string Id { get; }
    public string Title { get; }
    /// <summary>Markdown.</summary>
    public string Description { get; }
    public IReadOnlyList<TemplateItem> Items { get; }
    public string? Extends { get; }

    public TemplateItem? FindItem(string itemId) => Items.FirstOrDefault(i => i.Id == itemId);
}
