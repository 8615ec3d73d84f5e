using System.ComponentModel.DataAnnotations;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Admin;

[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/users")]
public sealed class UsersController(UserAdministration admin, UserManager<AppUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Users", await admin.ListAsync(ct));

    [HttpGet("new")]
    public IActionResult Create() => View("CreateUser", new CreateUserInput());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateUserInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid) return View("CreateUser", input);
        var result = await admin.CreateAsync(input.Email, input.DisplayName, input.Password, input.Roles, ct);
        if (result.Error is not null)
        {
            ModelState.AddModelError("", result.Error);
            return View("CreateUser", input);
        }
        TempData["Message"] = $"Created {result.User!.Email}.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id}/roles")]
    public async Task<IActionResult> SetRoles(string id, string[] roles) =>
        Done(await admin.SetRolesAsync(id, users.GetUserId(User)!, roles), "Roles saved.");

    [HttpPost("{id}/deactivate")]
    public async Task<IActionResult> Deactivate(string id) =>
        Done(await admin.SetActiveAsync(id, users.GetUserId(User)!, active: false), "User deactivated.");

    [HttpPost("{id}/activate")]
    public async Task<IActionResult> Activate(string id) =>
        Done(await admin.SetActiveAsync(id, users.GetUserId(User)!, active: true), "User reactivated.");

    private IActionResult Done(string? error, string message)
    {
        TempData["Message"] = error ?? message;
        return RedirectToAction(nameof(Index));
    }
}

public sealed class CreateUserInput
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";

    [Display(Name = "Display name")]
    public string? DisplayName { get; set; }

    [Required, DataType(DataType.Password), MinLength(12, ErrorMessage = "The password must be at least 12 characters long.")]
    public string Password { get; set; } = "";

    public string[] Roles { get; set; } = [];
}
