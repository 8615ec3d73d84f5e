using System.ComponentModel.DataAnnotations;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Account;

[Route("account")]
public sealed class AccountController(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, ChecklistDbContext db) : Controller
{
    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login"), AllowAnonymous]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid) return View(input);
        var user = await users.FindByEmailAsync(input.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        // An unknown email still leaves a trace: failed sign-ins are what an auditor looks for.
        var actor = new AuditActor(user?.Id ?? "anonymous", user?.Email ?? input.Email.Trim(), Core.Audit.AuditActorType.User);
        audit.Record(result.Succeeded ? "user.signed-in" : "user.sign-in-failed", "User", user?.Id ?? input.Email.Trim(),
            after: result.Succeeded ? null : new { reason = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "deactivated" : "wrong-credentials" },
            actor: actor);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl! : "/");

        ModelState.AddModelError("", result switch
        {
            { IsLockedOut: true } => $"This account is locked after too many failed sign-ins. Try again after {user!.LockoutEnd:HH:mm} UTC or ask an admin.",
            { IsNotAllowed: true } => "This account is deactivated. Ask an admin to reactivate it.",
            _ => "Wrong email or password.",
        });
        return View(input);
    }

    [HttpPost("logout"), Authorize]
    public async Task<IActionResult> Logout()
    {
        audit.Record("user.signed-out", "User", users.GetUserId(User) ?? "");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }

    [HttpGet("password"), Authorize]
    public IActionResult Password() => View(new ChangePasswordInput());

    [HttpPost("password"), Authorize]
    public async Task<IActionResult> Password(ChangePasswordInput input)
    {
        if (!ModelState.IsValid) return View(input);
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        audit.Record("user.password-changed", "User", user.Id);
        var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!result.Succeeded)
        {
            db.DiscardQueuedAudit();
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return View(input);
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Your password was changed.";
        return Redirect("/");
    }

    [HttpGet("access-denied"), AllowAnonymous]
    public IActionResult AccessDenied() => View();
}

public sealed class LoginInput
{
    [Required, EmailAddress, Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required, DataType(DataType.Password), Display(Name = "Password")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordInput
{
    [Required, DataType(DataType.Password), Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required, DataType(DataType.Password), MinLength(12, ErrorMessage = "The new password must be at least 12 characters long."), Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required, DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ."), Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";
}
