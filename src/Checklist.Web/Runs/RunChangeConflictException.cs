using Checklist.Core.Runs;

namespace Checklist.Web.Runs;

/// <summary>
/// Someone else changed the item (or its run) after this person saw it: either between the page load and the post
/// (the item's RowVersion the form carried no longer matches) or between this request's load and its save (EF's
/// concurrency token). Nothing of this request was saved; the person reloads and decides again.
/// </summary>
public sealed class RunChangeConflictException(Exception? inner = null)
    : RuleViolationException(ConcurrentChange, RuleViolationKind.Conflict, "someone else changed this item; reload and try again")
{
    public const string ConcurrentChange = "Concurrent change";

    public Exception? Cause { get; } = inner;
}
