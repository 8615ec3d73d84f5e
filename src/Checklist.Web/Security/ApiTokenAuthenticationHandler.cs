using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Checklist.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed API tokens.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<AppUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ActorTypeClaim = "checklist:actor_type";
    public const string TokenIdClaim = "checklist:token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0) return AuthenticateResult.Fail("The bearer token is empty.");

        var token = await tokens.FindUsableAsync(secret, Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || !user.IsActive) return AuthenticateResult.Fail("The API token's user is deactivated.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Id),
            new(ClaimTypes.Email, user.Email ?? ""),
            new(ActorTypeClaim, "token"),
            new(TokenIdClaim, token.Id.ToString()),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        await tokens.RecordUseAsync(token, Context.RequestAborted);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: 401,
            title: "Authentication required",
            detail: "Send a valid API token as 'Authorization: Bearer <token>' (POST /api/v1/auth/token issues one).")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Results.Problem(
            statusCode: 403,
            title: "Forbidden",
            detail: "Your role does not allow this action.")
            .ExecuteAsync(Context);
    }
}
