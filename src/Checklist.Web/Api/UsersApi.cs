using Checklist.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Api;

public static class UsersApi
{
    public sealed record CreateUserRequest(string? Email, string? Password, string[]? Roles, string? DisplayName);
    public sealed record UserResponse(string Id, string Email, string DisplayName, bool Active, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(AuthorizationPolicies.Admin);
        users.MapPost("", CreateAsync).WithSummary("Create a user with roles (Admin).");
        users.MapGet("", ListAsync).WithSummary("List users and their roles (Admin).");
        return api;
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, UserAdministration admin, CancellationToken ct)
    {
        var result = await admin.CreateAsync(request.Email, request.DisplayName, request.Password, request.Roles ?? [], ct);
        if (result.Error is not null)
            return TypedResults.Problem(statusCode: result.Conflict ? 409 : 400, title: "The user was not created", detail: result.Error);
        var user = result.User!;
        return TypedResults.Created($"/api/v1/users/{user.Id}",
            new UserResponse(user.Id, user.Email!, user.DisplayName, user.IsActive, result.Roles));
    }

    private static async Task<Ok<List<UserResponse>>> ListAsync(UserAdministration admin, CancellationToken ct)
    {
        var rows = await admin.ListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new UserResponse(r.Id, r.Email, r.DisplayName, r.Active, r.Roles)).ToList());
    }
}
