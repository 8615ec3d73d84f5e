namespace Checklist.Cli.Database;

/// <summary>
/// Writes a file so that readers see either the old one or the complete new one: write a temporary file in
/// the same folder (so the rename never crosses file systems), flush it to disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    public static string TemporaryPathFor(string target)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>fsync: the bytes are on disk before the rename makes them the target.</summary>
    public static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Flushes and renames. The folder itself is not synced: a crash right after may undo the rename, which
    /// leaves the old file whole, never a mix of the two.
    /// </summary>
    public static void Commit(string temporary, string target)
    {
        FlushToDisk(temporary);
        File.Move(temporary, target, overwrite: true);
    }

    public static void DeleteQuietly(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { } // a leftover temporary file is harmless: it is named as one
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>True when the file starts with the given bytes (how backups of each provider are told apart).</summary>
    public static bool StartsWith(string path, ReadOnlySpan<byte> magic)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[magic.Length];
        return stream.ReadAtLeast(head, magic.Length, throwOnEndOfStream: false) == magic.Length && head.SequenceEqual(magic);
    }

    /// <summary>Size and SHA-256, printed with every backup so a copy can be checked later.</summary>
    public static string Describe(string path)
    {
        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        return $"{stream.Length:N0} bytes, SHA-256 {hash}";
    }
}
