using System.CommandLine;
using Checklist.Cli;

// One line per subcommand: each lives in its own <Name>Command.cs with a static Create().
var root = new RootCommand("Go-live readiness checklists for applications released to Kubernetes.");
root.Subcommands.Add(TemplatesCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(RestoreCommand.Create());

var parseResult = root.Parse(args);
var exitCode = parseResult.Invoke();
// System.CommandLine answers a parse error with 1, which the contract reserves for a failed required item.
return parseResult.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
