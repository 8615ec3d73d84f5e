using Checklist.Core.Runs;
using Checklist.Web.Clusters;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Checklist.Web.Api;

public static class ClustersApi
{
    /// <summary><c>{name, server, caData?, token?, insecureSkipTlsVerify?}</c> or <c>{name, kubeconfig, context?}</c>.</summary>
    public sealed record RegisterClusterRequest(
        string? Name, string? Server, string? CaData, string? Token, bool? InsecureSkipTlsVerify, string? Kubeconfig, string? Context);

    /// <summary>A registered cluster; <c>kind</c> is <c>server</c> or <c>kubeconfig</c>. Secrets are never returned.</summary>
    public sealed record ClusterResponse(
        Guid Id, string Name, string Server, string Kind, string? Context, bool HasCaData, bool HasToken, bool InsecureSkipTlsVerify,
        DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapClustersApi(this RouteGroupBuilder api)
    {
        var clusters = api.MapGroup("/clusters");
        clusters.MapPost("", RegisterAsync).RequireAuthorization(AuthorizationPolicies.Admin)
            .WithSummary("Register a cluster by address (server, caData, token) or by kubeconfig and context (Admin). Credentials are stored encrypted and never returned.")
            .Produces<ClusterResponse>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(409);
        clusters.MapGet("", ListAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("The registered clusters, without their credentials.");
        return api;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterClusterRequest request, ClusterService clusters, CancellationToken ct)
    {
        try
        {
            var cluster = await clusters.RegisterAsync(new ClusterRegistration(request.Name, request.Server, request.CaData, request.Token,
                request.InsecureSkipTlsVerify ?? false, request.Kubeconfig, request.Context), ct);
            return TypedResults.Created($"/api/v1/clusters/{cluster.Id}", new ClusterResponse(cluster.Id, cluster.Name, cluster.Server,
                cluster.Kind == ClusterCredentialKind.Server ? "server" : "kubeconfig", cluster.Context, cluster.CaData is not null, cluster.HasToken,
                cluster.InsecureSkipTlsVerify, cluster.CreatedAt));
        }
        catch (RuleViolationException e)
        {
            return RunsApi.Problem(e);
        }
    }

    private static async Task<Ok<List<ClusterResponse>>> ListAsync(ClusterService clusters, CancellationToken ct) =>
        TypedResults.Ok((await clusters.ListAsync(ct))
            .Select(c => new ClusterResponse(c.Id, c.Name, c.Server, c.Kind, c.Context, c.HasCaData, c.HasToken, c.InsecureSkipTlsVerify, c.CreatedAt))
            .ToList());
}
