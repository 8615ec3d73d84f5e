namespace Checklist.Core.Tests.Runbooks;

/// <summary>A template folder in the temp directory with the files a test writes, removed afterwards.</summary>
internal sealed class TemporaryTemplateFolder : IDisposable
{
    public TemporaryTemplateFolder(params (string Name, string Content)[] files)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runbook-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var (name, content) in files)
        {
            Write(name, content);
        }
    }

    public string Path { get; }

    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    public void Write(string name, string content) => File.WriteAllText(FilePath(name), content);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
