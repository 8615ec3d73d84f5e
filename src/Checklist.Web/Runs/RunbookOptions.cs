using Checklist.Core.Runbooks;

namespace Checklist.Web.Runs;

/// <summary>Bound from <c>Checklist:Runbooks</c>.</summary>
public sealed class RunbookOptions
{
    public const string Section = "Checklist:Runbooks";
    public const string DefaultFolder = "templates";
    private const string SolutionFile = "Checklist.sln";

    /// <summary>The full path of the shipped runbook templates.</summary>
    public string TemplateDirectory { get; init; } = "";

    /// <summary>A folder whose files replace the shipped ones of the same name; null for none.</summary>
    public string? OverrideDirectory { get; init; }

    /// <summary>What the run does not know about a service but its runbook shows: contacts, escalation, dashboards, ...; by service name.</summary>
    public IReadOnlyDictionary<string, RunbookServiceSettings> Services { get; init; } = new Dictionary<string, RunbookServiceSettings>();

    public RunbookServiceSettings? For(string service) =>
        Services.FirstOrDefault(s => string.Equals(s.Key, service, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// <c>Checklist:Runbooks:TemplateDirectory</c> when set (relative to the content root); otherwise the <c>templates</c>
    /// folder of the source tree when the app runs from one (found from the content root or from the app's own
    /// folder, so the built app started from any working directory finds it too), else <c>&lt;content root&gt;/templates</c>
    /// (<c>/app/templates</c> in the container, where publishing puts them).
    /// </summary>
    public static RunbookOptions Resolve(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(Section);
        var configured = section["TemplateDirectory"];
        var overrides = section["OverrideDirectory"];
        return new RunbookOptions
        {
            TemplateDirectory = string.IsNullOrWhiteSpace(configured) ? FindDefault(contentRoot) : Path.GetFullPath(configured, contentRoot),
            OverrideDirectory = string.IsNullOrWhiteSpace(overrides) ? null : Path.GetFullPath(overrides, contentRoot),
            Services = section.GetSection("Services").Get<Dictionary<string, RunbookServiceSettings>>() ?? [],
        };
    }

    private static string FindDefault(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                    return Path.Combine(folder.FullName, DefaultFolder);
            }
        }
        return Path.Combine(Path.GetFullPath(contentRoot), DefaultFolder);
    }
}

/// <summary>One service's runbook settings, bound from <c>Checklist:Runbooks:Services:&lt;service&gt;</c>.</summary>
public sealed class RunbookServiceSettings
{
    public List<ContactSetting> Contacts { get; set; } = [];
    public List<EscalationSetting> Escalation { get; set; } = [];
    public List<MonitoringSetting> Monitoring { get; set; } = [];
    public MaintenanceSetting? Maintenance { get; set; }
    /// <summary>The path smoke tests request, e.g. "/healthz".</summary>
    public string? SmokeTestPath { get; set; }

    public sealed class ContactSetting
    {
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string? Email { get; set; }
        public string? Phone { get; set; }
    }

    public sealed class EscalationSetting
    {
        public int Level { get; set; }
        public string Who { get; set; } = "";
        public string? Reach { get; set; }
        public string? When { get; set; }
    }

    public sealed class MonitoringSetting
    {
        public RunbookMonitoringKind Kind { get; set; } = RunbookMonitoringKind.Dashboard;
        public string Title { get; set; } = "";
        public string Url { get; set; } = "";
    }

    public sealed class MaintenanceSetting
    {
        public string Method { get; set; } = "";
        public string? SwitchOnCommand { get; set; }
        public string? SwitchOffCommand { get; set; }
        public string? CheckUrl { get; set; }
    }
}
