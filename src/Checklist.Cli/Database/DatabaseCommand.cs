using System.CommandLine;

namespace Checklist.Cli.Database;

/// <summary>What backup and restore share: the settings, one line of result, and exit 2 with a clear message on any failure.</summary>
public static class DatabaseCommand
{
    public static async Task<int> RunAsync(string name, ParseResult parseResult, Func<DatabaseSettings, string, Task<string>> work)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var directory = Directory.GetCurrentDirectory();
            var settings = DatabaseSettings.Read(directory);
            await output.WriteLineAsync(await work(settings, directory));
            return ExitCodes.Passed;
        }
        catch (DatabaseCommandException ex)
        {
            await error.WriteLineAsync($"checklist {name}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"checklist {name}: {ex.Message}");
        }
        return ExitCodes.BadInput;
    }
}
