using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Checklist.Web.Api;

public static class AuditApi
{
    public sealed record HeadResponse(long Seq, string Hash);

    public sealed record ObjectProblemResponse(string Kind, Guid Id, Guid RunId, string Name, string Problem);

    /// <summary>
    /// <c>ok</c> is true when the chain and every stored object verify. <c>firstBadSeq</c> and <c>problem</c> name the first
    /// event that does not; <c>head</c> is the end recorded outside the audit table; <c>runbooks</c> and <c>evidenceFiles</c>
    /// count the frozen runbooks and evidence files hashed, and <c>objects</c> lists each one that no longer matches.
    /// </summary>
    public sealed record VerifyResponse(
        bool Ok, long Events, long? FirstBadSeq, string? Problem, HeadResponse? Head,
        int Runbooks, int EvidenceFiles, IReadOnlyList<ObjectProblemResponse> Objects, DateTimeOffset CheckedAt);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").RequireAuthorization(AuthorizationPolicies.Audit);
        audit.MapGet("", Export)
            .WithSummary("Export audit events, oldest first, streamed (format=json|csv; filters from, to (UTC), actor, actorType, action, runId, entityType, entityId).");
        audit.MapGet("/verify", VerifyAsync)
            .WithSummary("Walk the audit hash chain and name the first bad sequence number; hash every frozen runbook and evidence file (Admin, Auditor).");
        api.MapGet("/runs/{id:guid}/audit-pack", AuditPackAsync)
            .RequireAuthorization(AuthorizationPolicies.Audit)
            .WithSummary("A ZIP to check offline: frozen runbook, run.json, the run's audit events, evidence files, SHA256SUMS, README.txt (Admin, Auditor).");
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
        var report = await verifier.VerifyAsync(ct);
        return TypedResults.Ok(ToResponse(report));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> AuditPackAsync(Guid id, AuditPackBuilder packs, CancellationToken ct)
    {
        var run = await packs.FindRunAsync(id, ct);
        if (run is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run",
                detail: $"No run has the id {id}. GET /api/v1/runs lists the runs and their ids.");
        return TypedResults.Stream(stream => packs.WriteAsync(run, stream, ct), "application/zip", AuditPackBuilder.FileName(run));
    }

    private static VerifyResponse ToResponse(AuditReport report)
    {
        AuditVerification chain = report.Chain.Chain;
        return new VerifyResponse(report.Ok, chain.Events, chain.FirstBadSeq, chain.Problem,
            report.Chain.Head is { } head ? new HeadResponse(head.Seq, head.Hash) : null,
            report.Objects.Runbooks, report.Objects.EvidenceFiles,
            report.Objects.Problems.Select(p => new ObjectProblemResponse(p.Kind, p.Id, p.RunId, p.Name, p.Problem)).ToList(),
            report.Chain.CheckedAt);
    }
}
