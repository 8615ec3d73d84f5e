namespace Checklist.Cli.Database;

/// <summary>
/// Which other processes have a file open, from /proc/&lt;pid&gt;/fd (Linux; elsewhere, and for processes this user
/// may not inspect, nothing is found). A restore uses it to notice an app that still has the database open.
/// </summary>
public static class OpenFileHolders
{
    public static IReadOnlyList<string> Find(IEnumerable<string> files)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc")) return [];
        var targets = files.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var holders = new List<string>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && targets.Contains(target)))
                    holders.Add($"process {pid} ({File.ReadAllText(Path.Combine(process, "comm")).Trim()})");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while being looked at, or belongs to another user: nothing to learn from it.
            }
        }
        return holders;
    }
}
