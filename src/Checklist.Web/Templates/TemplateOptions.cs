using Checklist.Web.Operations;

namespace Checklist.Web.Templates;

/// <summary>Bound from <c>Checklist:Templates</c>.</summary>
public sealed class TemplateOptions
{
    public const string Section = "Checklist:Templates";
    public const string DefaultFolder = "checklists";

    public TemplateOptions(string directory) => Directory = directory;

    /// <summary>The full path of the folder the templates are loaded from.</summary>
    public string Directory { get; }

    /// <summary><c>Checklist:Templates:Directory</c>, else the default <see cref="ContentFolder"/> lookup.</summary>
    public static TemplateOptions Resolve(IConfiguration configuration, string contentRoot) =>
        new(ContentFolder.Resolve(configuration.GetSection(Section)["Directory"], contentRoot, DefaultFolder));
}
