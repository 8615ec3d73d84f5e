namespace Checklist.Core.Probes.Reporting;

/// <summary>One checklist item's verified result, as reports show it.</summary>
public sealed class ReportItem
{
    public ReportItem(string id, string title, bool required, ProbeResult result)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("An item needs an id.", nameof(id));
        Id = id;
        Title = string.IsNullOrWhiteSpace(title) ? id : title;
        Required = required;
        Result = result ?? throw new ArgumentNullException(nameof(result));
    }

    public string Id { get; }
    public string Title { get; }
    public bool Required { get; }
    public ProbeResult Result { get; }
    public string Probe => Result.ProbeId;
    public ProbeVerdict Verdict => Result.Verdict;
    /// <summary>The findings a reader acts on: failures and exempted failures (passing objects are left out).</summary>
    public IEnumerable<Finding> Reported => Result.Findings.Where(f => !f.Ok);
}

/// <summary>
/// The result of one verification (a template's probe items against one snapshot), ready for the writers.
/// The exit code rule lives here so the CLI and any other caller agree on it.
/// </summary>
public sealed class VerificationReport
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitError = 2;

    public VerificationReport(string template, string source, IEnumerable<ReportItem> items)
    {
        if (string.IsNullOrWhiteSpace(template)) throw new ArgumentException("A report names its template.", nameof(template));
        Template = template;
        Source = source ?? "";
        Items = items.ToList();
    }

    public string Template { get; }
    /// <summary>What was verified: the manifest paths, or the cluster and namespace.</summary>
    public string Source { get; }
    public IReadOnlyList<ReportItem> Items { get; }

    /// <summary>
    /// 0 when every required item passed or is not applicable; 2 when a required item could not be judged (its
    /// kinds could not be read), because the verification is then incomplete; otherwise 1 when a required item
    /// failed. Items that are not required never change the exit code.
    /// </summary>
    public int ExitCode
    {
        get
        {
            var required = Items.Where(i => i.Required).ToList();
            if (required.Any(i => i.Verdict == ProbeVerdict.Error)) return ExitError;
            if (required.Any(i => i.Verdict == ProbeVerdict.Failed)) return ExitFailed;
            return ExitPassed;
        }
    }

    /// <summary>The verdict as the JSON contract spells it: passed, failed, not-applicable, error.</summary>
    public static string VerdictName(ProbeVerdict verdict) => verdict switch
    {
        ProbeVerdict.Passed => "passed",
        ProbeVerdict.Failed => "failed",
        ProbeVerdict.NotApplicable => "not-applicable",
        _ => "error",
    };

    public int Count(ProbeVerdict verdict) => Items.Count(i => i.Verdict == verdict);
}
