namespace Checklist.Core.Runs;

/// <summary>The four roles of DESIGN.md. Admin may do everything the others may; Auditor may change nothing.</summary>
public enum Role { Admin, ReleaseManager, Engineer, Auditor }

/// <summary>Who signs a manual item off, as the template says.</summary>
public enum SignoffRole { Engineer, ReleaseManager }

public enum ActorKind { User, Token, System }
