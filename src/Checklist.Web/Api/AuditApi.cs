using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Checklist.Web.Api;

public static class AuditApi
{
    public sealed record HeadResponse(long Seq, string Hash);

    /// <summary><c>firstBadSeq</c> and <c>problem</c> name the first event that does not verify; <c>head</c> is the end recorded outside the audit table.</summary>
    public sealed record VerifyResponse(bool Ok, long Events, long? FirstBadSeq, string? Problem, HeadResponse? Head, DateTimeOffset CheckedAt);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireAuthorization(AuthorizationPolicies.Audit);
        audit.MapGet("", Export)
            .WithSummary("Export audit events, oldest first, streamed (format=json|csv; filters from, to (UTC), actor, actorType, action, runId, entityType, entityId).");
        audit.MapGet("/verify", VerifyAsync)
            .WithSummary("Walk the audit hash chain and name the first bad sequence number (Admin, Auditor).");
        return api;
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(
        [AsParameters] AuditFilterQuery query, string? format, AuditQuery audit, TimeProvider time, CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.Parse(query);
        if (!AuditExport.TryParseFormat(format, out var exportFormat))
            errors = [.. errors, $"format must be json or csv, not '{format}'."];
        if (filter is null || errors.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The export's query is not valid", detail: string.Join(" ", errors));
        return TypedResults.Stream(
            stream => AuditExport.WriteAsync(audit.StreamAsync(filter, ct), stream, exportFormat, ct),
            AuditExport.ContentType(exportFormat),
            AuditExport.FileName(exportFormat, time.GetUtcNow()));
    }

    private static async Task<Ok<VerifyResponse>> VerifyAsync(AuditVerifier verifier, CancellationToken ct)
    {
        var report = await verifier.VerifyChainAsync(ct);
        return TypedResults.Ok(ToResponse(report));
    }

    public static VerifyResponse ToResponse(AuditChainReport report)
    {
        AuditVerification chain = report.Chain;
        return new VerifyResponse(report.Ok, chain.Events, chain.FirstBadSeq, chain.Problem,
            report.Head is { } head ? new HeadResponse(head.Seq, head.Hash) : null, report.CheckedAt);
    }
}
