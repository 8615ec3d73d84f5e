using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Checklist.Core.Runs;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Mvc;
using static Checklist.Web.Api.RunsApiModels;

namespace Checklist.Web.Api;

/// <summary>
/// Runs over JSON: create and list runs, read one with its items, act on items (evidence, sign-off, not applicable,
/// waivers, assignment), read the gate, decide, and fetch the runbook and the run's audit trail. Every change goes
/// through <see cref="RunService"/>; refusals are problem details whose status follows the rule's kind.
/// </summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapGet("", ListAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("List runs, newest first; filter by service, environment, state (draft, in-progress, decided, completed, cancelled or open), owner and planned go-live.")
            .Produces<RunListResponse>();
        runs.MapPost("", CreateAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Open a run of the current version of a template for one release of a service into an environment (ReleaseManager).")
            .Produces<RunResponse>(StatusCodes.Status201Created).ProducesProblem(400);
        runs.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("A run with its items (state, evidence, waivers, assignee, due date) and decisions.")
            .Produces<RunResponse>().ProducesProblem(404);
        runs.MapGet("/{id:guid}/gate", GateAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("The gate now: go when no required item blocks; otherwise no-go with the blocking items and why.")
            .Produces<GateResponse>().ProducesProblem(404);
        runs.MapPost("/{id:guid}/decision", DecideAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Record the go-live decision (go or no-go). 409 while required items block; 403 when four-eyes needs another release manager. A go freezes the runbook.")
            .Produces<DecisionResponse>().ProducesProblem(403).ProducesProblem(409);
        runs.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Cancel a run with a reason (ReleaseManager).").Produces<RunResponse>().ProducesProblem(409);
        runs.MapPost("/{id:guid}/reopen", ReopenAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Reopen a run whose go decision turned stale (drift or an expired waiver), with a reason (ReleaseManager).")
            .Produces<RunResponse>().ProducesProblem(409);
        runs.MapPost("/{id:guid}/complete", CompleteAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Close a decided run after the release went live (ReleaseManager).").Produces<RunResponse>().ProducesProblem(409);
        runs.MapGet("/{id:guid}/runbook.md", RunbookAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("The runbook as Markdown: rendered live before the go decision, exactly the frozen text after it.")
            .Produces<string>(contentType: "text/markdown").ProducesProblem(404);
        runs.MapGet("/{id:guid}/audit", AuditAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("The run's audit events in chain order.").Produces<List<AuditEventResponse>>().ProducesProblem(404);

        var items = runs.MapGroup("/{id:guid}/items/{itemId}");
        items.MapPost("/evidence", AddEvidenceAsync).RequireAuthorization(AuthorizationPolicies.WorkOnItems)
            .WithSummary("Attach evidence: a multipart file (part 'file', optional field 'supersedes'), or JSON {kind: link|note, url?, text?, supersedes?}. Files above the configured limit are refused while streaming.")
            // One Accepts with both types: routing refuses (415) any content type the last Accepts does not list.
            .Accepts<EvidenceRequest>("application/json", "multipart/form-data")
            .Produces<EvidenceResponse>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(413);
        items.MapGet("/evidence/{evidenceId:guid}/file", DownloadAsync).RequireAuthorization(AuthorizationPolicies.Read)
            .WithSummary("Download an evidence file, always as an attachment (application/octet-stream), never rendered inline.")
            .Produces(200, contentType: "application/octet-stream").ProducesProblem(404);
        items.MapPost("/signoff", SignOffAsync).RequireAuthorization(AuthorizationPolicies.WorkOnItems)
            .WithSummary("Sign off a manual item, by the role the template names.").Produces<ItemResponse>().ProducesProblem(403).ProducesProblem(409);
        items.MapPost("/not-applicable", NotApplicableAsync).RequireAuthorization(AuthorizationPolicies.WorkOnItems)
            .WithSummary("Mark an item not applicable, with the reason.").Produces<ItemResponse>().ProducesProblem(409);
        items.MapPost("/waiver", RequestWaiverAsync).RequireAuthorization(AuthorizationPolicies.WorkOnItems)
            .WithSummary("Request a waiver until expiresAt, with the justification.").Produces<ItemResponse>().ProducesProblem(409);
        items.MapPost("/waiver/approve", ApproveWaiverAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Approve the requested waiver; never by its requester (four-eyes).").Produces<ItemResponse>().ProducesProblem(403).ProducesProblem(409);
        items.MapPost("/waiver/reject", RejectWaiverAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Reject the requested waiver; never by its requester (four-eyes).").Produces<ItemResponse>().ProducesProblem(403).ProducesProblem(409);
        items.MapPost("/assign", AssignAsync).RequireAuthorization(AuthorizationPolicies.ManageRuns)
            .WithSummary("Assign the item to a user (id or email); a blank userId unassigns it.").Produces<ItemResponse>().ProducesProblem(400);
        return api;
    }

    private static Task<IResult> ListAsync(string? service, string? environment, string? state, string? owner, DateTimeOffset? goLiveFrom,
        DateTimeOffset? goLiveTo, int? page, int? pageSize, RunQueries queries, CancellationToken ct) => Act(async () =>
    {
        var result = await queries.ListAsync(new RunListFilter(service, environment, state, owner, goLiveFrom, goLiveTo),
            page ?? 1, pageSize ?? 50, ct);
        return TypedResults.Ok(new RunListResponse(result.Rows.Select(ToResponse).ToList(), result.Total, result.Page, result.PageSize));
    });

    private static Task<IResult> CreateAsync(CreateRunRequest request, ClaimsPrincipal user, RunService runs, RunQueries queries,
        TimeProvider time, CancellationToken ct) => Act(async () =>
    {
        var d = request.DeployMethod;
        var run = await runs.CreateAsync(new CreateRunCommand(request.TemplateId, request.Service, request.Version, request.Environment,
            request.ClusterId, request.Namespace, request.Selector, request.PlannedGoLive, request.Owner,
            d is null ? null : new DeployInput(d.Kind, d.Name, d.Chart, d.ChartVersion, d.ValuesFile, d.Tool, d.ToolNamespace, d.BundleFile)),
            RunActors.From(user), ct);
        return TypedResults.Created($"/api/v1/runs/{run.Id}", ToResponse(run, await queries.DeploymentAsync(run.Id, ct), time.GetUtcNow()));
    });

    private static Task<IResult> GetAsync(Guid id, RunQueries queries, TimeProvider time, CancellationToken ct) => Act(async () =>
        TypedResults.Ok(ToResponse(await FindAsync(queries, id, ct), await queries.DeploymentAsync(id, ct), time.GetUtcNow())));

    private static Task<IResult> GateAsync(Guid id, RunQueries queries, TimeProvider time, CancellationToken ct) => Act(async () =>
        await queries.GateAsync(id, time.GetUtcNow(), ct) is { } gate ? TypedResults.Ok(ToResponse(gate)) : NoRun(id));

    private static Task<IResult> DecideAsync(Guid id, DecisionRequest request, ClaimsPrincipal user, RunService runs, CancellationToken ct) => Act(async () =>
    {
        var outcome = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "go" => GateDecision.Go,
            "no-go" or "nogo" => GateDecision.NoGo,
            _ => throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid, $"the decision is go or no-go, not '{request.Decision}'"),
        };
        var decision = await runs.DecideAsync(id, outcome, request.Comment, RunActors.From(user), ct);
        return TypedResults.Ok(ToResponse(decision));
    });

    private static Task<IResult> CancelAsync(Guid id, CancelRequest? request, ClaimsPrincipal user, RunService runs, RunQueries queries,
        TimeProvider time, CancellationToken ct) => Act(async () =>
    {
        await runs.CancelAsync(id, request?.Reason, RunActors.From(user), ct);
        return TypedResults.Ok(ToResponse(await FindAsync(queries, id, ct), await queries.DeploymentAsync(id, ct), time.GetUtcNow()));
    });

    private static Task<IResult> ReopenAsync(Guid id, CancelRequest? request, ClaimsPrincipal user, RunService runs, RunQueries queries,
        TimeProvider time, CancellationToken ct) => Act(async () =>
    {
        await runs.ReopenAsync(id, request?.Reason, RunActors.From(user), ct);
        return TypedResults.Ok(ToResponse(await FindAsync(queries, id, ct), await queries.DeploymentAsync(id, ct), time.GetUtcNow()));
    });

    private static Task<IResult> CompleteAsync(Guid id, ClaimsPrincipal user, RunService runs, RunQueries queries, TimeProvider time,
        CancellationToken ct) => Act(async () =>
    {
        await runs.CompleteAsync(id, RunActors.From(user), ct);
        return TypedResults.Ok(ToResponse(await FindAsync(queries, id, ct), await queries.DeploymentAsync(id, ct), time.GetUtcNow()));
    });

    private static Task<IResult> RunbookAsync(Guid id, RunbookService runbooks, TimeProvider time, HttpResponse response, CancellationToken ct) => Act(async () =>
    {
        if (await runbooks.ForRunAsync(id, time.GetUtcNow(), ct) is not { } view) return NoRun(id);
        response.Headers.ETag = $"\"{view.Document.Sha256}\"";
        response.Headers["X-Checklist-Runbook-Sha256"] = view.Document.Sha256;
        response.Headers["X-Checklist-Runbook"] = view.Frozen ? "frozen" : "live";
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(view.Document.Markdown), "text/markdown; charset=utf-8");
    });

    private static Task<IResult> AuditAsync(Guid id, RunQueries queries, CancellationToken ct) => Act(async () =>
        await queries.AuditAsync(id, ct) is { } events ? TypedResults.Ok(events.Select(ToResponse).ToList()) : NoRun(id));

    private static Task<IResult> AddEvidenceAsync(Guid id, string itemId, HttpRequest request, ClaimsPrincipal user, EvidenceUploadReader reader,
        RunService runs, CancellationToken ct) => Act(async () =>
    {
        EvidenceInput input;
        if (request.HasFormContentType)
        {
            var form = await reader.ReadAsync(request, ct);
            input = new EvidenceInput(form.File is null ? form.Field("kind") : "file", form.Field("url"), form.Field("text"), form.File,
                ParseGuid(form.Field("supersedes"), "supersedes"));
        }
        else if (request.HasJsonContentType())
        {
            EvidenceRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<EvidenceRequest>(ct);
            }
            catch (JsonException ex)
            {
                return TypedResults.Problem(statusCode: 400, title: "The body is not valid JSON", detail: $"Send {{\"kind\": \"link\", \"url\": \"https://...\"}} or {{\"kind\": \"note\", \"text\": \"...\"}}: {ex.Message}");
            }
            input = new EvidenceInput(body?.Kind, body?.Url, body?.Text, null, body?.Supersedes);
        }
        else
        {
            return TypedResults.Problem(statusCode: 415, title: "Unsupported content type",
                detail: "Send a file as multipart/form-data (part 'file'), or a link or note as JSON {kind, url?, text?}.");
        }
        var evidence = await runs.AddEvidenceAsync(id, itemId, input, RunActors.From(user), SeenVersion(request), ct);
        return TypedResults.Created($"/api/v1/runs/{id}/items/{Uri.EscapeDataString(itemId)}/evidence/{evidence.Id}", ToResponse(id, itemId, evidence));
    });

    private static Task<IResult> DownloadAsync(Guid id, string itemId, Guid evidenceId, EvidenceStore store, HttpResponse response, CancellationToken ct) => Act(async () =>
    {
        if (await store.FindAsync(id, itemId, evidenceId, ct) is not { } file)
            return TypedResults.Problem(statusCode: 404, title: "No such file",
                detail: $"Item '{itemId}' of run {id} has no file evidence {evidenceId}; GET /api/v1/runs/{id} lists its evidence.");
        return EvidenceDownload.Result(file, response);
    });

    private static Task<IResult> SignOffAsync(Guid id, string itemId, SignOffRequest? request, ClaimsPrincipal user, RunService runs,
        RunQueries queries, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        ItemAct(id, itemId, queries, time, ct, () => runs.SignOffAsync(id, itemId, request?.Comment, RunActors.From(user), SeenVersion(http), ct));

    private static Task<IResult> NotApplicableAsync(Guid id, string itemId, NotApplicableRequest? request, ClaimsPrincipal user, RunService runs,
        RunQueries queries, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        ItemAct(id, itemId, queries, time, ct, () => runs.MarkNotApplicableAsync(id, itemId, request?.Reason, RunActors.From(user), SeenVersion(http), ct));

    private static Task<IResult> RequestWaiverAsync(Guid id, string itemId, WaiverRequest? request, ClaimsPrincipal user, RunService runs,
        RunQueries queries, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        ItemAct(id, itemId, queries, time, ct, () => runs.RequestWaiverAsync(id, itemId, request?.Justification, request?.ExpiresAt, RunActors.From(user), SeenVersion(http), ct));

    private static Task<IResult> ApproveWaiverAsync(Guid id, string itemId, WaiverDecisionRequest? request, ClaimsPrincipal user, RunService runs,
        RunQueries queries, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        ItemAct(id, itemId, queries, time, ct, () => runs.ApproveWaiverAsync(id, itemId, request?.Comment, RunActors.From(user), SeenVersion(http), ct));

    private static Task<IResult> RejectWaiverAsync(Guid id, string itemId, WaiverDecisionRequest? request, ClaimsPrincipal user, RunService runs,
        RunQueries queries, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        ItemAct(id, itemId, queries, time, ct, () => runs.RejectWaiverAsync(id, itemId, request?.Comment, RunActors.From(user), SeenVersion(http), ct));

    private static Task<IResult> AssignAsync(Guid id, string itemId, AssignRequest? request, ClaimsPrincipal user, RunService runs,
        RunQueries queries, TimeProvider time, HttpRequest http, CancellationToken ct) =>
        ItemAct(id, itemId, queries, time, ct, () => runs.AssignAsync(id, itemId, request?.UserId, RunActors.From(user), SeenVersion(http), ct));

    /// <summary>Runs an item action, then answers with the item as it is now.</summary>
    private static Task<IResult> ItemAct<T>(Guid id, string itemId, RunQueries queries, TimeProvider time, CancellationToken ct, Func<Task<T>> action) => Act(async () =>
    {
        await action();
        var run = await FindAsync(queries, id, ct);
        return TypedResults.Ok(ToResponse(id, run.Item(itemId), time.GetUtcNow()));
    });

    private static async Task<Run> FindAsync(RunQueries queries, Guid id, CancellationToken ct) =>
        await queries.FindAsync(id, ct)
        ?? throw new RuleViolationException(RunRules.NotFound, RuleViolationKind.NotFound, $"there is no run {id}");

    private static async Task<IResult> Act(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RuleViolationException ex)
        {
            return Problem(ex);
        }
        catch (EvidenceUploadException ex)
        {
            return TypedResults.Problem(statusCode: ex.StatusCode, title: "Upload refused", detail: ex.Message);
        }
    }

    /// <summary>A refusal as problem details: the status follows the rule's kind, the detail is the message that names the rule.</summary>
    public static IResult Problem(RuleViolationException ex)
    {
        var status = StatusFor(ex.Kind);
        var extensions = new Dictionary<string, object?> { ["rule"] = ex.Rule };
        if (ex is GateBlockedException blocked)
            extensions["blocking"] = ToResponse(blocked.Gate).Blocking;
        var title = ex switch
        {
            RunChangeConflictException => "Someone else changed this run",
            GateBlockedException => "Required items block the go decision",
            _ => ex.Kind switch
            {
                RuleViolationKind.Invalid => "The request cannot be used",
                RuleViolationKind.Forbidden => "Not allowed",
                RuleViolationKind.NotFound => "Not found",
                _ => "Not possible now",
            },
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: ex.Message, extensions: extensions);
    }

    public static int StatusFor(RuleViolationKind kind) => kind switch
    {
        RuleViolationKind.Invalid => StatusCodes.Status400BadRequest,
        RuleViolationKind.Forbidden => StatusCodes.Status403Forbidden,
        RuleViolationKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult NoRun(Guid id) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Not found: there is no run {id}; GET /api/v1/runs lists them.");

    /// <summary>The item version the caller saw, from <c>If-Match: "&lt;rowVersion&gt;"</c>; null when absent.</summary>
    private static int? SeenVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim().Trim('"');
        if (value.Length == 0) return null;
        return int.TryParse(value, out var version)
            ? version
            : throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid,
                $"If-Match must be the item's rowVersion (a number, as GET /api/v1/runs/{{id}} shows it), not '{value}'");
    }

    private static Guid? ParseGuid(string? value, string field) =>
        value is null ? null
        : Guid.TryParse(value, out var id) ? id
        : throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid, $"'{field}' must be an evidence id (a GUID), not '{value}'");
}
