using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Audit;

[Authorize(Policy = AuthorizationPolicies.Read)]
public sealed class AuditController : Controller
{
    [HttpGet("/audit")]
    public IActionResult Index() => View();
}
