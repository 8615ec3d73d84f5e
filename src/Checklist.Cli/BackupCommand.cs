using System.CommandLine;
using Checklist.Cli.Database;

namespace Checklist.Cli;

/// <summary>
/// <c>checklist backup --output FILE</c>: a consistent copy of the app's own database, taken while it runs
/// (SQLite's online backup, or pg_dump's snapshot).
/// </summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The backup file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var command = new Command("backup", "Back up the app's database (the one ConnectionStrings__Checklist and Checklist__Database__Provider name).")
        {
            output,
            force,
        };
        command.SetAction((parseResult, ct) => DatabaseCommand.RunAsync("backup", parseResult, async (settings, directory) =>
        {
            var file = Path.GetFullPath(parseResult.GetValue(output)!, directory);
            if (File.Exists(file) && !parseResult.GetValue(force))
                throw new DatabaseCommandException($"{file} exists; choose another name or pass --force to replace it.");
            return settings.Provider switch
            {
                DatabaseProvider.Sqlite => new SqliteDatabase(settings.SqliteFile(directory)).Backup(file),
                _ => await new PostgresDatabase(settings.ConnectionString, PostgresTools.Find()).BackupAsync(file, ct),
            };
        }));
        return command;
    }
}
