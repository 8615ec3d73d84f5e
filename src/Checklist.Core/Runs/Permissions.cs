namespace Checklist.Core.Runs;

/// <summary>The role checks shared by every action; Admin passes every role check (DESIGN: "everything else").</summary>
internal static class Permissions
{
    public static void Require(Actor actor, string action, bool allowSystem, params Role[] allowed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Kind == ActorKind.System)
        {
            if (allowSystem) return;
            throw new RuleViolationException(RunRules.Role, RuleViolationKind.Forbidden,
                $"the system may not {action}; a person must");
        }
        if (actor.IsReadOnly) throw ReadOnly(actor, action);
        if (actor.IsAdmin || allowed.Any(actor.Has)) return;
        throw new RuleViolationException(RunRules.Role, RuleViolationKind.Forbidden,
            $"only the role {Describe(allowed.Append(Role.Admin))} may {action}; {actor.Name} has {Describe(actor.Roles)}");
    }

    public static RuleViolationException ReadOnly(Actor actor, string action) =>
        new(RunRules.ReadOnly, RuleViolationKind.Forbidden, actor.Roles.Count == 0
            ? $"{actor.Name} has no role, so may not {action}"
            : $"an auditor can change nothing, so {actor.Name} may not {action}");

    public static Role ToRole(this SignoffRole role) =>
        role == SignoffRole.Engineer ? Role.Engineer : Role.ReleaseManager;

    private static string Describe(IEnumerable<Role> roles)
    {
        var names = roles.Distinct().Select(Name).ToList();
        return names.Count == 0 ? "no role" : string.Join(" or ", names);
    }

    public static string Name(Role role) => role switch
    {
        Role.ReleaseManager => "release manager",
        Role.Engineer => "engineer",
        Role.Admin => "admin",
        _ => "auditor",
    };
}
