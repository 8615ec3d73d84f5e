namespace Checklist.Core.Checklists;

/// <summary>What a person attaches to a manual item as evidence.</summary>
public enum EvidenceKind { File, Link, Note }

/// <summary>Who may sign off a manual item.</summary>
public enum SignoffRole { Engineer, ReleaseManager }

/// <summary>The runbook section an item's result feeds.</summary>
public enum RunbookSection { Backup, Restore, Rollback, Deploy, SmokeTest, Maintenance, Monitoring, Contacts }

/// <summary>
/// A fact about the release target that decides whether an item applies. The runs model evaluates it on
/// the snapshot (or the manifests); an item whose conditions all fail is not applicable.
/// </summary>
public enum AppliesWhenCondition { HasStatefulSets, HasPersistentVolumeClaims, HasIngress, HasServices }

/// <summary>
/// The spelling of the vocabulary in template files. Kept in one table so the loader, the canonical
/// form (and so the content hash) and any writer agree on it.
/// </summary>
public static class TemplateVocabulary
{
    private static readonly IReadOnlyDictionary<EvidenceKind, string> EvidenceNames = new Dictionary<EvidenceKind, string>
    {
        [EvidenceKind.File] = "file",
        [EvidenceKind.Link] = "link",
        [EvidenceKind.Note] = "note",
    };

    private static readonly IReadOnlyDictionary<SignoffRole, string> SignoffNames = new Dictionary<SignoffRole, string>
    {
        [SignoffRole.Engineer] = "engineer",
        [SignoffRole.ReleaseManager] = "release-manager",
    };

    private static readonly IReadOnlyDictionary<RunbookSection, string> RunbookNames = new Dictionary<RunbookSection, string>
    {
        [RunbookSection.Backup] = "backup",
        [RunbookSection.Restore] = "restore",
        [RunbookSection.Rollback] = "rollback",
        [RunbookSection.Deploy] = "deploy",
        [RunbookSection.SmokeTest] = "smoke-test",
        [RunbookSection.Maintenance] = "maintenance",
        [RunbookSection.Monitoring] = "monitoring",
        [RunbookSection.Contacts] = "contacts",
    };

    private static readonly IReadOnlyDictionary<AppliesWhenCondition, string> ConditionNames = new Dictionary<AppliesWhenCondition, string>
    {
        [AppliesWhenCondition.HasStatefulSets] = "hasStatefulSets",
        [AppliesWhenCondition.HasPersistentVolumeClaims] = "hasPersistentVolumeClaims",
        [AppliesWhenCondition.HasIngress] = "hasIngress",
        [AppliesWhenCondition.HasServices] = "hasServices",
    };

    public static string Name(EvidenceKind value) => EvidenceNames[value];
    public static string Name(SignoffRole value) => SignoffNames[value];
    public static string Name(RunbookSection value) => RunbookNames[value];
    public static string Name(AppliesWhenCondition value) => ConditionNames[value];

    public static IReadOnlyCollection<string> EvidenceKindNames => [.. EvidenceNames.Values];
    public static IReadOnlyCollection<string> SignoffRoleNames => [.. SignoffNames.Values];
    public static IReadOnlyCollection<string> RunbookSectionNames => [.. RunbookNames.Values];
    public static IReadOnlyCollection<string> AppliesWhenConditionNames => [.. ConditionNames.Values];

    public static bool TryParseEvidenceKind(string name, out EvidenceKind value) => TryParse(EvidenceNames, name, out value);
    public static bool TryParseSignoffRole(string name, out SignoffRole value) => TryParse(SignoffNames, name, out value);
    public static bool TryParseRunbookSection(string name, out RunbookSection value) => TryParse(RunbookNames, name, out value);
    public static bool TryParseCondition(string name, out AppliesWhenCondition value) => TryParse(ConditionNames, name, out value);

    private static bool TryParse<T>(IReadOnlyDictionary<T, string> names, string name, out T value) where T : struct, Enum
    {
        foreach (var (key, text) in names)
        {
            if (text == name)
            {
                value = key;
                return true;
            }
        }
        value = default;
        return false;
    }
}
