namespace Checklist.Core.Checklists;

/// <summary>Collects the errors of one file so that parsing goes on after the first one.</summary>
internal sealed class ErrorList(string path, List<TemplateError> errors)
{
    public int Count { get; private set; }

    public void Add(int line, int column, string message)
    {
        errors.Add(new TemplateError(path, line, column, message));
        Count++;
    }

    public void Add(YamlTreeNode node, string message) => Add(node.Line, node.Column, message);

    public void Add(Located at, string message) => Add(at.Line, at.Column, message);
}
