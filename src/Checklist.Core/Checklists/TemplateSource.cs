namespace Checklist.Core.Checklists;

/// <summary>
/// The text of one template file and the path errors should name. The template id is the file name
/// without <c>.yaml</c>.
/// </summary>
public sealed record TemplateSource(string Path, string Text)
{
    public string TemplateId => System.IO.Path.GetFileNameWithoutExtension(Path);
}
