using Checklist.Core.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Checklist.Web.Api;

/// <summary>Turns a refused action into problem details whose status follows the rule's kind and whose detail names the rule.</summary>
public static class ApiProblem
{
    public static ProblemHttpResult From(RuleViolationException e, string title) =>
        TypedResults.Problem(statusCode: e.Kind switch
        {
            RuleViolationKind.Invalid => StatusCodes.Status400BadRequest,
            RuleViolationKind.Forbidden => StatusCodes.Status403Forbidden,
            RuleViolationKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        }, title: title, detail: e.Message);
}
