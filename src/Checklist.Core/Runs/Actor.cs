namespace Checklist.Core.Runs;

/// <summary>A person referenced by a run (owner, assignee): enough to show and to compare, nothing to authorise.</summary>
public sealed record UserRef(string Id, string Name)
{
    public static UserRef Of(Actor actor) => new(actor.Id, actor.Name);
}

/// <summary>
/// Whoever performs an action: a signed-in user, an API token acting for a user, or the system (the
/// verification and waiver-expiry jobs). Every rule compares actors by <see cref="Id"/>.
/// </summary>
public sealed record Actor
{
    public const string SystemId = "system";

    public Actor(string id, string name, IEnumerable<Role> roles, ActorKind kind = ActorKind.User)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new ArgumentException("An actor needs an id.", nameof(id));
        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id : name;
        Roles = roles.Distinct().ToArray();
        Kind = kind;
    }

    public string Id { get; }
    public string Name { get; }
    public IReadOnlyList<Role> Roles { get; }
    public ActorKind Kind { get; }

    public static Actor System(string name = "system") => new(SystemId, name, [], ActorKind.System);

    public bool Has(Role role) => Roles.Contains(role);

    public bool IsAdmin => Has(Role.Admin);

    /// <summary>True when the actor holds no role but Auditor: such an actor reads and never writes.</summary>
    public bool IsReadOnly => Kind != ActorKind.System && Roles.All(r => r == Role.Auditor);

    public bool Equals(Actor? other) => other is not null && other.Id == Id && other.Kind == Kind;

    public override int GetHashCode() => HashCode.Combine(Id, Kind);
}
