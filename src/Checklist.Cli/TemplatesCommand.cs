using System.CommandLine;
using Checklist.Core.Checklists;

namespace Checklist.Cli;

/// <summary><c>checklist templates validate [DIR]</c>: loads every template and prints every error at once.</summary>
public static class TemplatesCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "The folder of checklist templates (*.yaml).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "checklists",
        };
        var validate = new Command("validate", "Check every template in DIR; print each error as file:line:column: message.")
        {
            directory,
        };
        validate.SetAction(parseResult => Validate(
            parseResult.GetValue(directory)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));

        return new Command("templates", "Work with checklist templates.") { validate };
    }

    private static int Validate(string directory, TextWriter output, TextWriter error)
    {
        var catalog = TemplateLoader.LoadDirectory(directory);
        foreach (var problem in catalog.Errors)
        {
            error.WriteLine(problem.ToString());
        }
        if (!catalog.IsValid)
        {
            error.WriteLine($"{Count(catalog.Errors.Count, "error")} in {directory}");
            return ExitCodes.BadInput;
        }
        output.WriteLine($"{directory}: {Count(catalog.Templates.Count, "template")}, {Count(catalog.ItemCount, "item")}, no errors");
        return ExitCodes.Passed;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
