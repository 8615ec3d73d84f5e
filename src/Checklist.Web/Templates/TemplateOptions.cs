namespace Checklist.Web.Templates;

/// <summary>Bound from <c>Checklist:Templates</c>.</summary>
public sealed class TemplateOptions
{
    public const string Section = "Checklist:Templates";
    public const string DefaultFolder = "checklists";
    private const string SolutionFile = "Checklist.sln";

    public TemplateOptions(string directory) => Directory = directory;

    /// <summary>The full path of the folder the templates are loaded from.</summary>
    public string Directory { get; }

    /// <summary>
    /// <c>Checklist:Templates:Directory</c> when set (a relative path is taken from the content root, like other
    /// content files); otherwise the <c>checklists</c> folder of the source tree when the app runs from one (so
    /// <c>dotnet run</c> and the tests find it from any working directory), else <c>&lt;content root&gt;/checklists</c>
    /// (<c>/app/checklists</c> in the container).
    /// </summary>
    public static TemplateOptions Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetSection(Section)["Directory"];
        if (!string.IsNullOrWhiteSpace(configured))
            return new TemplateOptions(Path.GetFullPath(configured, contentRoot));

        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                return new TemplateOptions(Path.Combine(folder.FullName, DefaultFolder));
        }
        return new TemplateOptions(Path.Combine(Path.GetFullPath(contentRoot), DefaultFolder));
    }
}
