using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Templates;

[Authorize(Policy = AuthorizationPolicies.Read)]
public sealed class TemplatesController : Controller
{
    [HttpGet("/templates")]
    public IActionResult Index() => View();
}
