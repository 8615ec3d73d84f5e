using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace Checklist.Core.Runbooks;

/// <summary>
/// Renders runbooks from <c>runbook.md.hbs</c> and every other <c>*.hbs</c> file of a template folder,
/// each registered as a partial named after its file (<c>deploy.hbs</c> is <c>{{> deploy}}</c>). A file of
/// the same name in the override folder replaces the shipped one. Templates are read and compiled once,
/// in the constructor, so one instance serves every render (it is safe to share between threads).
/// </summary>
public sealed partial class RunbookRenderer
{
    public const string MainTemplateFileName = "runbook.md.hbs";

    private readonly IHandlebars handlebars;
    private readonly Dictionary<string, CompiledFile> files;

    /// <exception cref="RunbookTemplateException">
    /// A folder or the main template is missing, a template does not compile, or a partial it names does not exist.
    /// </exception>
    public RunbookRenderer(string templateDirectory, string? overrideDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateDirectory);

        var paths = FindTemplates(templateDirectory, overrideDirectory);
        if (!paths.TryGetValue(MainTemplateFileName, out var mainPath))
        {
            throw new RunbookTemplateException(Path.Combine(templateDirectory, MainTemplateFileName), null, null,
                $"the main runbook template is missing: add {MainTemplateFileName} to the template folder");
        }

        handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = new MarkdownTextEncoder(),
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
        });
        RunbookHelpers.Register(handlebars);

        files = new Dictionary<string, CompiledFile>(StringComparer.Ordinal);
        foreach (var (fileName, path) in paths.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var source = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            files[fileName] = new CompiledFile(fileName, path, PartialName(fileName), source, Compile(path, source));
        }

        foreach (var file in files.Values.Where(file => file.FileName != MainTemplateFileName))
        {
            handlebars.RegisterTemplate(file.PartialName, file.Template);
        }

        CheckPartialReferences();
        MainPath = mainPath;
    }

    /// <summary>The main template in use (from the override folder when it has one).</summary>
    public string MainPath { get; }

    /// <summary>Full paths of every template file in use, after overrides.</summary>
    public IReadOnlyList<string> TemplatePaths => files.Values.Select(file => file.Path).Order(StringComparer.Ordinal).ToList();

    /// <summary>Renders the whole runbook; either everything renders or a <see cref="RunbookTemplateException"/> is thrown.</summary>
    /// <param name="renderedAt">When the runbook is rendered; dates backups when the planned go-live is unknown.</param>
    public RunbookDocument Render(RunbookData data, DateTimeOffset renderedAt) =>
        new(RenderFile(MainTemplateFileName, data, renderedAt));

    /// <summary>Renders one template file (the main one or a partial) on its own, as tests of partials need.</summary>
    internal string RenderFile(string fileName, RunbookData data, DateTimeOffset renderedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!files.TryGetValue(fileName, out var file))
        {
            throw new ArgumentException($"No template file named '{fileName}' is loaded.", nameof(fileName));
        }

        var model = RunbookModelBuilder.Build(data, renderedAt);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            file.Template(writer, model, null);
        }
        catch (HandlebarsUndefinedBindingException error)
        {
            throw Place(file, error.Path, $"'{error.Path}' is not a field of the runbook model", error);
        }
        catch (HandlebarsException error)
        {
            throw new RunbookTemplateException(file.Path, null, null, error.Message, error);
        }

        return Tidy(writer.ToString());
    }

    internal IReadOnlyCollection<string> FileNames => files.Keys;

    private static Dictionary<string, string> FindTemplates(string templateDirectory, string? overrideDirectory)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in new[] { templateDirectory, overrideDirectory })
        {
            if (directory is null)
            {
                continue;
            }

            if (!Directory.Exists(directory))
            {
                throw new RunbookTemplateException(directory, null, null, "the runbook template folder does not exist");
            }

            // Later folders win: an override replaces the shipped file of the same name.
            foreach (var path in Directory.EnumerateFiles(directory, "*.hbs"))
            {
                paths[Path.GetFileName(path)] = Path.GetFullPath(path);
            }
        }

        return paths;
    }

    private HandlebarsTemplate<TextWriter, object, object> Compile(string path, string source)
    {
        try
        {
            using var reader = new StringReader(source);
            return handlebars.Compile(reader);
        }
        catch (HandlebarsException error)
        {
            var location = TemplateDiagnostics.Locate(source, error);
            throw new RunbookTemplateException(path, location.Line, location.Column, location.Reason, error);
        }
    }

    private void CheckPartialReferences()
    {
        var names = files.Values.Select(file => file.PartialName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Values.OrderBy(file => file.FileName, StringComparer.Ordinal))
        {
            foreach (var (name, token) in TemplateDiagnostics.PartialReferences(file.Source))
            {
                if (!names.Contains(name))
                {
                    throw new RunbookTemplateException(file.Path, token.Line, token.Column,
                        $"partial '{name}' does not exist: add {name}.hbs to the template folder or the override folder");
                }
            }
        }
    }

    private RunbookTemplateException Place(CompiledFile rendered, string path, string reason, Exception error)
    {
        // The error surfaces from the file being rendered, but the binding may sit in any partial it includes.
        var candidates = new[] { rendered }.Concat(files.Values.Where(file => file != rendered));
        foreach (var file in candidates)
        {
            if (TemplateDiagnostics.FindMention(file.Source, path) is { } token)
            {
                return new RunbookTemplateException(file.Path, token.Line, token.Column, reason, error);
            }
        }

        return new RunbookTemplateException(rendered.Path, null, null, reason, error);
    }

    private static string PartialName(string fileName)
    {
        var name = fileName[..^".hbs".Length];
        return name.EndsWith(".md", StringComparison.Ordinal) ? name[..^".md".Length] : name;
    }

    /// <summary>
    /// Template logic leaves blank lines where sections are skipped; collapsing them keeps the frozen
    /// Markdown stable and readable whichever branches were taken.
    /// </summary>
    private static string Tidy(string markdown)
    {
        var lines = markdown.Split('\n').Select(line => line.TrimEnd());
        var text = string.Join('\n', lines);
        text = ExtraBlankLines().Replace(text, "\n\n");
        return text.Trim('\n') + "\n";
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();

    private sealed record CompiledFile(
        string FileName, string Path, string PartialName, string Source, HandlebarsTemplate<TextWriter, object, object> Template);
}
