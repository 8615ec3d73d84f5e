namespace Checklist.Core.Checklists;

/// <summary>An item present in both versions whose content differs; <see cref="Fields"/> names what changed, in schema order.</summary>
public sealed record ItemChange(string ItemId, IReadOnlyList<string> Fields);

/// <summary>What changed between two versions of a template, item by item (matched on the stable item id).</summary>
public sealed class TemplateDiff
{
    /// <summary>Field names reported in <see cref="ItemChange.Fields"/> (they match the YAML keys).</summary>
    public static readonly IReadOnlyList<string> ItemFields =
        ["section", "title", "guidance", "sources", "required", "probe", "parameters", "manual", "appliesWhen", "runbook", "position"];

    private TemplateDiff(IReadOnlyList<string> templateFields, IReadOnlyList<TemplateItem> added, IReadOnlyList<TemplateItem> removed, IReadOnlyList<ItemChange> changed)
    {
        TemplateFields = templateFields;
        Added = added;
        Removed = removed;
        Changed = changed;
    }

    /// <summary>Template-level fields that changed: <c>title</c>, <c>description</c>, <c>extends</c>.</summary>
    public IReadOnlyList<string> TemplateFields { get; }
    /// <summary>Items of the newer version that the older one lacks, in the newer version's order.</summary>
    public IReadOnlyList<TemplateItem> Added { get; }
    /// <summary>Items of the older version that the newer one lacks, in the older version's order.</summary>
    public IReadOnlyList<TemplateItem> Removed { get; }
    public IReadOnlyList<ItemChange> Changed { get; }

    public bool IsEmpty => TemplateFields.Count == 0 && Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static TemplateDiff Compare(TemplateVersion older, TemplateVersion newer) => Compare(older.Template, newer.Template);

    public static TemplateDiff Compare(ChecklistTemplate older, ChecklistTemplate newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);

        var templateFields = new List<string>();
        if (older.Title != newer.Title)
        {
            templateFields.Add("title");
        }
        if (older.Description != newer.Description)
        {
            templateFields.Add("description");
        }
        if (older.Extends != newer.Extends)
        {
            templateFields.Add("extends");
        }

        var olderById = older.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var newerById = newer.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var added = newer.Items.Where(i => !olderById.ContainsKey(i.Id)).ToArray();
        var removed = older.Items.Where(i => !newerById.ContainsKey(i.Id)).ToArray();

        // Position is compared among the items both versions share, so adding or removing an item does not
        // mark every later item as moved.
        var olderShared = older.Items.Where(i => newerById.ContainsKey(i.Id)).Select(i => i.Id).ToList();
        var newerShared = newer.Items.Where(i => olderById.ContainsKey(i.Id)).Select(i => i.Id).ToList();

        var changed = new List<ItemChange>();
        foreach (var item in newer.Items)
        {
            if (!olderById.TryGetValue(item.Id, out var before))
            {
                continue;
            }
            var fields = ChangedFields(before, item);
            if (olderShared.IndexOf(item.Id) != newerShared.IndexOf(item.Id))
            {
                fields.Add("position");
            }
            if (fields.Count > 0)
            {
                changed.Add(new ItemChange(item.Id, fields.AsReadOnly()));
            }
        }

        return new TemplateDiff(templateFields.AsReadOnly(), Array.AsReadOnly(added), Array.AsReadOnly(removed), changed.AsReadOnly());
    }

    private static List<string> ChangedFields(TemplateItem a, TemplateItem b)
    {
        var fields = new List<string>();
        if (a.Section != b.Section)
        {
            fields.Add("section");
        }
        if (a.Title != b.Title)
        {
            fields.Add("title");
        }
        if (a.Guidance != b.Guidance)
        {
            fields.Add("guidance");
        }
        if (!a.Sources.SequenceEqual(b.Sources))
        {
            fields.Add("sources");
        }
        if (a.Required != b.Required)
        {
            fields.Add("required");
        }

        var probeA = a.Probe;
        var probeB = b.Probe;
        if (probeA?.ProbeId != probeB?.ProbeId)
        {
            fields.Add("probe");
        }
        if (probeA is not null && probeB is not null && probeA.ProbeId == probeB.ProbeId && !SameParameters(probeA, probeB))
        {
            fields.Add("parameters");
        }

        var manualA = a.Manual;
        var manualB = b.Manual;
        if ((manualA is null) != (manualB is null)
            || (manualA is not null && manualB is not null
                && (!manualA.Evidence.SequenceEqual(manualB.Evidence) || manualA.Signoff != manualB.Signoff || manualA.FourEyes != manualB.FourEyes)))
        {
            fields.Add("manual");
        }

        if (!a.AppliesWhen.SequenceEqual(b.AppliesWhen))
        {
            fields.Add("appliesWhen");
        }
        if (!a.Runbook.SequenceEqual(b.Runbook))
        {
            fields.Add("runbook");
        }
        return fields;
    }

    private static bool SameParameters(ProbeVerification a, ProbeVerification b) =>
        a.Parameters.All(p => b.Parameters.TryGetValue(p.Key, out var other) && SameValue(p.Value, other));

    private static bool SameValue(object a, object b) => (a, b) switch
    {
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => x.SequenceEqual(y, StringComparer.Ordinal),
        _ => a.Equals(b),
    };
}
