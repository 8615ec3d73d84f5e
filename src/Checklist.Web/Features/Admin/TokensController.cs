using System.ComponentModel.DataAnnotations;
using Checklist.Web.Data;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Features.Admin;

[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/tokens")]
public sealed class TokensController(ChecklistDbContext db, ApiTokenService tokens, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Tokens", await LoadAsync(new CreateTokenInput(), null, ct));

    [HttpPost("")]
    public async Task<IActionResult> Create(CreateTokenInput input, CancellationToken ct)
    {
        if (ModelState.IsValid && !await db.Users.AnyAsync(u => u.Id == input.UserId && u.IsActive, ct))
            ModelState.AddModelError(nameof(input.UserId), "Choose an active user.");
        if (!ModelState.IsValid) return View("Tokens", await LoadAsync(input, null, ct));

        var issued = await tokens.IssueAsync(input.UserId, input.Name, TimeSpan.FromDays(input.LifetimeDays), ct);
        // The secret is rendered in this response only (no redirect): it is never stored or shown again.
        return View("Tokens", await LoadAsync(new CreateTokenInput(), issued.Secret, ct));
    }

    [HttpPost("{id:guid}/revoke")]
    public async Task<IActionResult> Revoke(Guid id, CancellationToken ct)
    {
        TempData["Message"] = await tokens.RevokeAsync(id, ct) ? "Token revoked." : "No such token.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<TokensViewModel> LoadAsync(CreateTokenInput input, string? newSecret, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await (from t in db.ApiTokens.AsNoTracking()
                          join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                          select new { t.Id, t.Name, t.Prefix, u.Email, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .ToListAsync(ct);
        var list = rows
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new TokenRow(r.Id, r.Name, r.Prefix, r.Email ?? "", r.CreatedAt, r.ExpiresAt, r.LastUsedAt,
                r.RevokedAt is not null ? "revoked" : r.ExpiresAt <= now ? "expired" : "active"))
            .ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Email)
            .Select(u => new UserOption(u.Id, u.Email ?? u.Id)).ToListAsync(ct);
        return new TokensViewModel(list, users, input, newSecret);
    }
}

public sealed record TokenRow(Guid Id, string Name, string Prefix, string UserEmail, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, string Status);
public sealed record UserOption(string Id, string Email);
public sealed record TokensViewModel(IReadOnlyList<TokenRow> Tokens, IReadOnlyList<UserOption> Users, CreateTokenInput Input, string? NewSecret);

public sealed class CreateTokenInput
{
    [Required(ErrorMessage = "Choose the user the token acts as."), Display(Name = "User")]
    public string UserId { get; set; } = "";

    [Required, StringLength(100), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Range(1, 365, ErrorMessage = "A token lives between 1 and 365 days."), Display(Name = "Lifetime (days)")]
    public int LifetimeDays { get; set; } = 30;
}
