using System.Security.Claims;
using System.Text;
using Checklist.Core.Runs;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Checklist.Web.Verification;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Api;

public static class VerificationApi
{
    /// <summary><c>source</c> is <c>cluster</c> or <c>manifests</c>; without it, the run's cluster when it has one.</summary>
    public sealed record VerifyRequest(string? Source);

    public sealed record VerifyResponse(Guid VerificationId, string Status, string Source, string Target);

    public sealed record ManifestsResponse(Guid BundleId, string FileName, string Sha256, long SizeBytes, int Objects, IReadOnlyDictionary<string, int> Kinds);

    public static RouteGroupBuilder MapVerificationApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs/{id:guid}").WithTags("Verification");
        runs.MapPut("/manifests", UploadManifestsAsync).RequireAuthorization(AuthorizationPolicies.WorkOnItems)
            .Accepts<string>("application/yaml", "application/json", "text/plain")
            .WithSummary("Upload the release's rendered manifests (YAML, one or many documents, or JSON). Refused with every file:line:column error when they cannot be read.")
            .Produces<ManifestsResponse>().ProducesProblem(400).ProducesProblem(413);
        runs.MapPost("/verify", VerifyAsync).RequireAuthorization(AuthorizationPolicies.WorkOnItems)
            .WithSummary("Queue a verification of the run's cluster or manifests; 202 with its id. GET .../verifications/latest shows progress and results.")
            .Produces<VerifyResponse>(StatusCodes.Status202Accepted).ProducesProblem(404).ProducesProblem(409);
        runs.MapGet("/verifications", ListAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("The run's verifications, newest first, with their status and counts.");
        runs.MapGet("/verifications/latest", LatestAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("The newest verification with every probe item's verdict and findings (object, container, message, fix).")
            .ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> UploadManifestsAsync(Guid id, HttpRequest request, ClaimsPrincipal user, ManifestService manifests,
        VerificationOptions options, CancellationToken ct)
    {
        var limit = options.MaxManifestBytes;
        if (request.ContentLength > limit) return TooLarge(request.ContentLength.Value, limit);
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && sizeFeature.MaxRequestBodySize < limit + 1) sizeFeature.MaxRequestBodySize = limit + 1;

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return TooLarge(null, limit);
        }
        if (buffer.Length == 0)
            return TypedResults.Problem(statusCode: 400, title: "No manifests",
                detail: "Send the rendered manifests as the request body, e.g. helm template ... | curl -X PUT --data-binary @- -H 'Content-Type: application/yaml' ...");
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var json = request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase));
        try
        {
            var result = await manifests.UploadAsync(id, text, json, RunActors.From(user), ct);
            return TypedResults.Ok(new ManifestsResponse(result.BundleId, result.FileName, result.Sha256, result.SizeBytes, result.Objects, result.Kinds));
        }
        catch (ManifestsRejectedException e)
        {
            return TypedResults.Problem(statusCode: 400, title: "The manifests were not stored",
                detail: $"{e.Errors.Count} problem(s) in the manifests; nothing was stored. {string.Join(" ", e.Errors.Take(10))}{(e.Errors.Count > 10 ? " ..." : "")}",
                extensions: new Dictionary<string, object?> { ["errors"] = e.Errors });
        }
        catch (RuleViolationException e)
        {
            return RunsApi.Problem(e);
        }
    }

    private static async Task<IResult> VerifyAsync(Guid id, [FromBody] VerifyRequest? request, ClaimsPrincipal user, VerificationService verifications, CancellationToken ct)
    {
        VerificationSource? source;
        switch (request?.Source?.Trim().ToLowerInvariant())
        {
            case null or "": source = null; break;
            case "cluster": source = VerificationSource.Cluster; break;
            case "manifests": source = VerificationSource.Manifests; break;
            default:
                return TypedResults.Problem(statusCode: 400, title: "The verification was not queued",
                    detail: $"The source is cluster or manifests, not '{request!.Source}'; leave it out to verify the run's cluster, or its manifests when it has none.");
        }
        try
        {
            var record = await verifications.QueueAsync(id, source, VerificationTrigger.Manual, RunActors.From(user), ct);
            return TypedResults.Accepted($"/api/v1/runs/{id}/verifications/latest",
                new VerifyResponse(record.Id, "queued", record.Source.ToString().ToLowerInvariant(), record.Target));
        }
        catch (RuleViolationException e)
        {
            return RunsApi.Problem(e);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<VerificationView>>, ProblemHttpResult>> ListAsync(Guid id, VerificationQueries queries, CancellationToken ct) =>
        await queries.RunExistsAsync(id, ct)
            ? TypedResults.Ok(await queries.ListAsync(id, ct))
            : NoRun(id);

    private static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> LatestAsync(Guid id, VerificationQueries queries, CancellationToken ct)
    {
        if (await queries.LatestAsync(id, ct) is { } latest) return TypedResults.Ok(latest);
        if (!await queries.RunExistsAsync(id, ct)) return NoRun(id);
        return TypedResults.Problem(statusCode: 404, title: "Not verified yet", detail: $"Run {id} has no verification yet; start one with POST /api/v1/runs/{id}/verify.");
    }

    private static ProblemHttpResult NoRun(Guid id) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no run {id}; GET /api/v1/runs lists them.");

    private static ProblemHttpResult TooLarge(long? size, long limit) =>
        TypedResults.Problem(statusCode: 413, title: "The manifests are too large",
            detail: $"The manifest bundle is {(size is null ? "larger than the limit" : $"{size} bytes")}; at most {limit} bytes ({limit / 1024.0 / 1024.0:0.#} MiB) are accepted " +
                    $"({VerificationOptions.Section}:MaxManifestBytes). Upload only this release's manifests, or ask an admin to raise the limit.");
}
