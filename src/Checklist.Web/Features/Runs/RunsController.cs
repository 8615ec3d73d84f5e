using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Runs;

[Authorize(Policy = AuthorizationPolicies.Read)]
public sealed class RunsController : Controller
{
    [HttpGet("/runs")]
    public IActionResult Index() => View();
}
