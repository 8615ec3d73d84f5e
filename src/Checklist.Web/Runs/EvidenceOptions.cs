namespace Checklist.Web.Runs;

/// <summary>Bound from <c>Checklist:Evidence</c>.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Checklist:Evidence";
    public const long DefaultMaxFileBytes = 25L * 1024 * 1024;

    /// <summary>The largest evidence file accepted; uploads are refused while streaming once they pass it.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>The limit in words, as refusals name it: "25 MB (26214400 bytes)".</summary>
    public string Describe() => $"{FormatSize(MaxFileBytes)} ({MaxFileBytes} bytes, setting Checklist:Evidence:MaxFileBytes)";

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        >= 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes} bytes",
    };
}
