using Checklist.Core.Probes;

namespace Checklist.Core.Checklists;

/// <summary>
/// Resolves <c>extends</c>: a derived template starts from its base's resolved items, drops some, makes
/// some recommended (not required), overrides probe parameters, and appends its own items.
/// </summary>
internal sealed class TemplateResolver
{
    private readonly IReadOnlyDictionary<string, TemplateFile> files;
    private readonly List<TemplateError> errors;
    private readonly Dictionary<string, ChecklistTemplate?> resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> inCycle = new(StringComparer.Ordinal);

    public TemplateResolver(IReadOnlyDictionary<string, TemplateFile> files, List<TemplateError> errors)
    {
        this.files = files;
        this.errors = errors;
    }

    public IReadOnlyList<TemplateVersion> ResolveAll()
    {
        foreach (var file in files.Values)
        {
            ReportCycle(file);
        }
        var versions = new List<TemplateVersion>();
        foreach (var file in files.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            if (Resolve(file) is { } template)
            {
                versions.Add(new TemplateVersion(template, file.Text));
            }
        }
        return versions;
    }

    // Reported on every member of a cycle, each from its own point of view, so whichever file the author
    // opens shows the whole loop.
    private void ReportCycle(TemplateFile file)
    {
        var path = new List<string> { file.Id };
        var current = file;
        while (current.Extends is { } next && files.TryGetValue(next.Value, out var target))
        {
            path.Add(target.Id);
            if (target.Id == file.Id)
            {
                inCycle.Add(file.Id);
                new ErrorList(file.Path, errors).Add(file.Extends!, $"extends: cycle {string.Join(" -> ", path)}");
                return;
            }
            if (path.Count > files.Count + 1)
            {
                return;
            }
            current = target;
        }
    }

    private ChecklistTemplate? Resolve(TemplateFile file)
    {
        if (resolved.TryGetValue(file.Id, out var done))
        {
            return done;
        }
        resolved[file.Id] = null;
        // A file with parse errors is still checked against its base, so all of its errors show at once;
        // it just yields no template.
        var result = inCycle.Contains(file.Id) ? null : Build(file);
        if (file.HasErrors)
        {
            result = null;
        }
        resolved[file.Id] = result;
        return result;
    }

    private ChecklistTemplate? Build(TemplateFile file)
    {
        var sink = new ErrorList(file.Path, errors);
        if (file.Extends is not { } extends)
        {
            return file.HasErrors ? null : new ChecklistTemplate(file.Id, file.Title, file.Description, file.Items.Select(i => i.Item));
        }

        if (!files.TryGetValue(extends.Value, out var baseFile))
        {
            var known = files.Keys.Where(k => k != file.Id).Order(StringComparer.Ordinal).ToArray();
            var hint = Suggestions.DidYouMean(extends.Value, known);
            sink.Add(extends, hint.Length > 0
                ? $"extends: unknown template '{extends.Value}'{hint}"
                : $"extends: unknown template '{extends.Value}' (templates here: {(known.Length == 0 ? "none" : string.Join(", ", known))})");
            return null;
        }
        var baseTemplate = Resolve(baseFile);
        if (baseTemplate is null)
        {
            sink.Add(extends, $"extends: template '{extends.Value}' has errors; fix them first");
            return null;
        }

        var errorsBefore = sink.Count;
        var baseIds = baseTemplate.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in file.Drop)
        {
            if (RequireInherited(id, "drop", baseTemplate, baseIds, sink))
            {
                dropped.Add(id.Value);
            }
        }

        var recommended = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in file.Recommend)
        {
            if (!RequireInherited(id, "recommend", baseTemplate, baseIds, sink))
            {
                continue;
            }
            if (dropped.Contains(id.Value))
            {
                sink.Add(id, $"recommend: item '{id.Value}' is also dropped; keep it in one list");
                continue;
            }
            recommended.Add(id.Value);
        }

        var overrides = new Dictionary<string, IReadOnlyDictionary<string, object>>(StringComparer.Ordinal);
        foreach (var entry in file.ParameterOverrides)
        {
            var id = entry.ItemId;
            if (!RequireInherited(id, "parameters", baseTemplate, baseIds, sink))
            {
                continue;
            }
            if (dropped.Contains(id.Value))
            {
                sink.Add(id, $"parameters: item '{id.Value}' is dropped; remove its parameters");
                continue;
            }
            if (baseTemplate.FindItem(id.Value)!.Probe is not { } probe)
            {
                sink.Add(id, $"parameters: item '{id.Value}' is verified manually and has no probe parameters");
                continue;
            }
            var definition = ProbeDefinitions.Find(probe.ProbeId)!;
            if (TemplateFileParser.ReadParameters(definition, entry.Values, $"parameters: item '{id.Value}': ", sink) is { } values)
            {
                overrides[id.Value] = values;
            }
        }

        foreach (var own in file.Items)
        {
            if (baseIds.Contains(own.Item.Id) && !dropped.Contains(own.Item.Id))
            {
                sink.Add(own.Id, $"item '{own.Item.Id}': '{baseTemplate.Id}' already has this item; drop it there first to replace it, or pick another id");
            }
        }

        if (sink.Count > errorsBefore || file.HasErrors)
        {
            return null;
        }

        var items = new List<TemplateItem>();
        foreach (var item in baseTemplate.Items)
        {
            if (dropped.Contains(item.Id))
            {
                continue;
            }
            var result = item;
            if (recommended.Contains(item.Id))
            {
                result = result.WithRequired(false);
            }
            if (overrides.TryGetValue(item.Id, out var values))
            {
                result = result.WithVerification(result.Probe!.WithParameters(values));
            }
            items.Add(result);
        }
        items.AddRange(file.Items.Select(i => i.Item));

        if (items.Count == 0)
        {
            sink.Add(extends, $"extends: every item of '{baseTemplate.Id}' is dropped and none is added; the template would be empty");
            return null;
        }
        return new ChecklistTemplate(file.Id, file.Title, file.Description, items, baseTemplate.Id);
    }

    private static bool RequireInherited(Located id, string field, ChecklistTemplate baseTemplate, HashSet<string> baseIds, ErrorList sink)
    {
        if (baseIds.Contains(id.Value))
        {
            return true;
        }
        sink.Add(id, $"{field}: item '{id.Value}' does not exist in '{baseTemplate.Id}'{Suggestions.DidYouMean(id.Value, baseIds)}");
        return false;
    }
}
