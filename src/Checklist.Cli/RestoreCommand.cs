using System.CommandLine;
using Checklist.Cli.Database;

namespace Checklist.Cli;

/// <summary>
/// <c>checklist restore FILE</c>: replaces the app's database with a backup, whole or not at all. Refuses while
/// the database looks in use (stop every replica first) unless --force.
/// </summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A file written by checklist backup." };
        var force = new Option<bool>("--force") { Description = "Restore even though the database looks in use." };
        var command = new Command("restore", "Replace the app's database with a backup made by checklist backup.")
        {
            file,
            force,
        };
        command.SetAction((parseResult, ct) => DatabaseCommand.RunAsync("restore", parseResult, async (settings, directory) =>
        {
            var backup = Path.GetFullPath(parseResult.GetValue(file)!, directory);
            if (!File.Exists(backup)) throw new DatabaseCommandException($"{backup} does not exist.");
            return settings.Provider switch
            {
                DatabaseProvider.Sqlite => new SqliteDatabase(settings.SqliteFile(directory)).Restore(backup, parseResult.GetValue(force)),
                _ => await new PostgresDatabase(settings.ConnectionString, PostgresTools.Find()).RestoreAsync(backup, parseResult.GetValue(force), ct),
            };
        }));
        return command;
    }
}
