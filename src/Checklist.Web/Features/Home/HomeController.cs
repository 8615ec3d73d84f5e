using System.Security.Claims;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Home;

[Authorize(Policy = AuthorizationPolicies.Read)]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(new DashboardViewModel(
        User.Identity?.Name ?? "",
        User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList()));
}

public sealed record DashboardViewModel(string UserName, IReadOnlyList<string> Roles);
