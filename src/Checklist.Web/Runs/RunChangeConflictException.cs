using Checklist.Core.Runs;

namespace Checklist.Web.Runs;

/// <summary>
/// Another request saved a change to the same run between this request's load and its save (the RowVersion no
/// longer matched). Nothing of this request was saved; the person reloads and decides again.
/// </summary>
public sealed class RunChangeConflictException(Exception inner)
    : RuleViolationException(ConcurrentChange, RuleViolationKind.Conflict, "someone else changed this item; reload and try again")
{
    public const string ConcurrentChange = "Concurrent change";

    public Exception Cause { get; } = inner;
}
