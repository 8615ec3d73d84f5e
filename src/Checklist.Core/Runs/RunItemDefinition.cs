namespace Checklist.Core.Runs;

/// <summary>
/// The run's own copy of one template item, taken when the run is created: a later template version never
/// changes a running run. <see cref="ProbeParametersJson"/> is the item's probe parameters as a JSON object.
/// <see cref="AppliesWhen"/> is the template's condition, kept verbatim for the verification step to judge.
/// </summary>
public sealed record RunItemDefinition(
    string ItemId,
    string Section,
    string Title,
    string Guidance,
    IReadOnlyList<string> Sources,
    bool Required,
    VerificationKind Verification,
    string? ProbeId,
    string? ProbeParametersJson,
    IReadOnlyList<EvidenceKind> EvidenceNeeded,
    SignoffRole SignoffRole,
    bool FourEyes,
    IReadOnlyList<string> RunbookSections,
    string? AppliesWhen);
