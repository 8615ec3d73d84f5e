using System.Globalization;
using Checklist.Web.Operations;

namespace Checklist.Web.Auditing;

/// <summary>Bound from <c>Checklist:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Checklist:Audit";

    /// <summary>About seven years, a common span for keeping financial and change records.</summary>
    public const int DefaultRetentionDays = 2555;

    /// <summary>
    /// How long audit events are kept at least. The app never deletes an event, inside this span or beyond it
    /// (the database refuses deletes); the setting tells operators from when on events may be archived by export.
    /// </summary>
    public int RetentionDays { get; private init; } = DefaultRetentionDays;

    public static AuditOptions Read(IConfiguration configuration)
    {
        var text = configuration.GetSection(Section)["RetentionDays"];
        if (string.IsNullOrWhiteSpace(text)) return new AuditOptions();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1)
            throw new StartupException($"Checklist:Audit:RetentionDays must be a whole number of days of at least 1, not '{text}' (the default is {DefaultRetentionDays}).");
        return new AuditOptions { RetentionDays = days };
    }
}
