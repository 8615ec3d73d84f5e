using Checklist.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Checklist.Web.Api;

public static class AuthApi
{
    public sealed record TokenRequest(string? Email, string? Password, string? Name);
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync).AllowAnonymous()
            .WithSummary("Exchange an email and password for an API bearer token.");
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, ApiTokenService tokens,
        SecurityOptions options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(statusCode: 400, title: "Email and password are required",
                detail: "Send {\"email\": \"...\", \"password\": \"...\"}.");

        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null) return WrongCredentials();
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem(statusCode: 401, title: "Account locked",
                detail: $"Too many failed sign-ins: try again after {user.LockoutEnd:yyyy-MM-dd HH:mm} UTC, or ask an admin.");
        if (result.IsNotAllowed)
            return TypedResults.Problem(statusCode: 401, title: "Account deactivated", detail: "This account is deactivated; ask an admin.");
        if (!result.Succeeded) return WrongCredentials();

        var issued = await tokens.IssueAsync(user.Id, string.IsNullOrWhiteSpace(request.Name) ? "API sign-in" : request.Name.Trim(),
            TimeSpan.FromHours(options.ApiTokenLifetimeHours), ct);
        return TypedResults.Ok(new TokenResponse(issued.Secret, issued.Token.ExpiresAt));
    }

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(statusCode: 401, title: "Wrong email or password", detail: "Check the email and password and try again.");
}
