using System.Security.Claims;
using Checklist.Core.Runs;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Home;

[Authorize(Policy = AuthorizationPolicies.Read)]
public sealed class HomeController(RunQueries queries, TimeProvider time) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var actor = RunActors.From(User);
        return View(new DashboardViewModel(
            User.Identity?.Name ?? "",
            User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
            await queries.DashboardAsync(actor.Id, now, ct),
            actor.Has(Role.ReleaseManager) || actor.IsAdmin,
            now));
    }
}

public sealed record DashboardViewModel(string UserName, IReadOnlyList<string> Roles, DashboardData Data, bool CanCreateRuns, DateTimeOffset Now);
