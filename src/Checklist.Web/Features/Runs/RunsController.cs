using Checklist.Core.Runs;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Checklist.Web.Templates;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Features.Runs;

/// <summary>
/// The run pages: list, create, the run page, and every action on it as a small form that posts here and
/// comes back to the run page (post-redirect-get) at the item it concerns, with the outcome as a message.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Read)]
[Route("runs")]
public sealed class RunsController(
    RunQueries queries,
    RunService runs,
    RunbookService runbooks,
    EvidenceStore evidenceStore,
    EvidenceUploadReader uploads,
    TemplateCatalogService templates,
    ChecklistDbContext db,
    IAntiforgery antiforgery,
    MarkdownHtmlCache markdown,
    Microsoft.Extensions.Options.IOptions<AntiforgeryOptions> antiforgeryOptions,
    TimeProvider time) : Controller
{
    private const string MessageKey = "RunMessage";
    private const string MessageErrorKey = "RunMessageIsError";
    private const string MessageItemKey = "RunMessageItem";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? service, string? environment, string? state, string? owner, DateTime? from, DateTime? to,
        int page = 1, CancellationToken ct = default)
    {
        var filter = new RunListFilter(service, environment, state, owner,
            from is { } f ? new DateTimeOffset(f.Date, TimeSpan.Zero) : null,
            // The "to" date is inclusive: go-lives during that whole day match.
            to is { } t ? new DateTimeOffset(t.Date.AddDays(1), TimeSpan.Zero) : null);
        string? error = null;
        RunListPage result;
        try
        {
            result = await queries.ListAsync(filter, page, RunQueries.DefaultPageSize, ct);
        }
        catch (RuleViolationException ex)
        {
            error = ex.Message;
            filter = filter with { State = null };
            result = await queries.ListAsync(filter, page, RunQueries.DefaultPageSize, ct);
        }
        var (services, environments, owners) = await queries.FilterValuesAsync(ct);
        var canCreate = RunPermissions.For(RunActors.From(User)).Manage;
        return View(new RunListViewModel(result, filter, error, services, environments, owners, canCreate));
    }

    [HttpGet("my-items")]
    public async Task<IActionResult> MyItems(CancellationToken ct) =>
        View(new MyItemsViewModel(await queries.MyItemsAsync(RunActors.From(User).Id, ct), time.GetUtcNow()));

    [HttpGet("new"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public async Task<IActionResult> Create(string? template, CancellationToken ct) =>
        View(await CreateModelAsync(new CreateRunInput { TemplateId = template ?? "", Owner = RunActors.From(User).Id }, null, ct));

    [HttpPost("new"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public async Task<IActionResult> Create(CreateRunInput input, CancellationToken ct)
    {
        try
        {
            var kind = input.DeployKind?.Trim().ToLowerInvariant();
            var run = await runs.CreateAsync(new CreateRunCommand(
                input.TemplateId, input.Service, input.Version, input.Environment, input.ClusterId, input.Namespace, input.Selector,
                input.PlannedGoLive is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                input.Owner,
                new DeployInput(kind, input.DeployName, input.HelmChart, input.HelmChartVersion, input.HelmValuesFile, null,
                    input.GitOpsNamespace, input.BundleFile)), RunActors.From(User), ct);
            Flash($"Run created with {run.Items.Count} items from {run.TemplateId}.", error: false, itemId: null);
            return Redirect($"/runs/{run.Id}");
        }
        catch (RuleViolationException ex)
        {
            var view = View(await CreateModelAsync(input, ex.Message, ct));
            view.StatusCode = StatusCodes.Status400BadRequest;
            return view;
        }
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var data = await queries.PageAsync(id, ct);
        if (data is null) return NotFound();
        var run = data.Run;
        var now = time.GetUtcNow();
        var can = RunPermissions.For(RunActors.From(User));
        var users = can.Manage ? await UsersAsync(ct) : [];
        var runbook = await runbooks.PreviewAsync(run.Id, run.RowVersion, run.CurrentDecision, now, ct);
        if (runbook is null) return NotFound();
        var model = RunPageBuilder.Build(data, await queries.DeploymentAsync(id, ct), runbook, can, users, TakeMessage(),
            uploads.MaxFileBytes, markdown.ToHtml, now);
        return View(model);
    }

    [HttpGet("{id:guid}/runbook.md")]
    public async Task<IActionResult> Runbook(Guid id, CancellationToken ct)
    {
        if (await runbooks.ForRunAsync(id, time.GetUtcNow(), ct) is not { } view) return NotFound();
        var service = await db.Runs.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Service, r.ReleaseVersion }).SingleAsync(ct);
        Response.Headers["X-Checklist-Runbook-Sha256"] = view.Document.Sha256;
        return File(System.Text.Encoding.UTF8.GetBytes(view.Document.Markdown), "text/markdown; charset=utf-8",
            $"runbook-{FileNamePart(service.Service)}-{FileNamePart(service.ReleaseVersion)}{(view.Frozen ? "" : "-draft")}.md");
    }

    /// <summary>The same download as the API's (an IResult: MVC executes those as they are).</summary>
    [HttpGet("{id:guid}/evidence/{evidenceId:guid}/file")]
    public async Task<IResult> Download(Guid id, Guid evidenceId, CancellationToken ct) =>
        await evidenceStore.FindAsync(id, null, evidenceId, ct) is { } file ? EvidenceDownload.Result(file, Response) : Results.NotFound();

    [HttpPost("{id:guid}/items/{itemId}/evidence"), Authorize(Policy = AuthorizationPolicies.WorkOnItems)]
    public Task<IActionResult> AddEvidence(Guid id, string itemId, EvidenceFormInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            var evidence = await runs.AddEvidenceAsync(id, itemId, new EvidenceInput(input.Kind, input.Url, input.Text, null, input.Supersedes), actor, input.Version, ct);
            return input.Supersedes is null ? $"Added the {evidence.Describe()}." : $"Replaced the evidence with the {evidence.Describe()}.";
        });

    /// <summary>
    /// The file upload streams: the form is not bound or buffered by MVC, the file is read and hashed section by
    /// section and refused once it passes the limit; the antiforgery token is checked from the streamed fields.
    /// </summary>
    [HttpPost("{id:guid}/items/{itemId}/files"), Authorize(Policy = AuthorizationPolicies.WorkOnItems)]
    [IgnoreAntiforgeryToken, DisableFormValueModelBinding]
    public async Task<IActionResult> UploadFile(Guid id, string itemId, CancellationToken ct)
    {
        if (!Request.HasFormContentType || !Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            // Not an upload from the page's form: refuse like any post without a valid antiforgery token would be.
            if (!await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();
            Flash("Choose a file to upload.", error: true, itemId);
            return RedirectToItem(id, itemId);
        }

        EvidenceForm form;
        try
        {
            form = await uploads.ReadAsync(Request, ct);
        }
        catch (EvidenceUploadException ex)
        {
            Flash(ex.Message, error: true, itemId);
            return RedirectToItem(id, itemId);
        }
        // The token comes from the streamed fields; given as the header, validation does not try to read the (consumed) form.
        if (form.Field("__RequestVerificationToken") is not { } token) return AntiforgeryRefused();
        Request.Headers[AntiforgeryHeader] = token;
        if (!await antiforgery.IsRequestValidAsync(HttpContext)) return AntiforgeryRefused();

        return await ItemActionAsync(id, itemId, async actor =>
        {
            if (form.File is null) throw new RuleViolationException(RunRules.Evidence, RuleViolationKind.Invalid, "choose a file to upload");
            var supersedes = Guid.TryParse(form.Field("supersedes"), out var old) ? old : (Guid?)null;
            var version = int.TryParse(form.Field("version"), out var seen) ? seen : (int?)null;
            var evidence = await runs.AddEvidenceAsync(id, itemId, new EvidenceInput("file", null, null, form.File, supersedes), actor, version, ct);
            return $"Attached {evidence.FileName} ({EvidenceOptions.FormatSize(evidence.SizeBytes ?? 0)}, SHA-256 {evidence.Sha256}).";
        });
    }

    [HttpPost("{id:guid}/items/{itemId}/signoff"), Authorize(Policy = AuthorizationPolicies.WorkOnItems)]
    public Task<IActionResult> SignOff(Guid id, string itemId, CommentInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            await runs.SignOffAsync(id, itemId, input.Comment, actor, input.Version, ct);
            return "Signed off.";
        });

    [HttpPost("{id:guid}/items/{itemId}/not-applicable"), Authorize(Policy = AuthorizationPolicies.WorkOnItems)]
    public Task<IActionResult> NotApplicable(Guid id, string itemId, ReasonInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            await runs.MarkNotApplicableAsync(id, itemId, input.Reason, actor, input.Version, ct);
            return "Marked not applicable.";
        });

    [HttpPost("{id:guid}/items/{itemId}/waiver"), Authorize(Policy = AuthorizationPolicies.WorkOnItems)]
    public Task<IActionResult> RequestWaiver(Guid id, string itemId, WaiverInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            DateTimeOffset? expires = input.ExpiresAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
            var waiver = await runs.RequestWaiverAsync(id, itemId, input.Justification, expires, actor, input.Version, ct);
            return $"Waiver requested until {waiver.ExpiresAt:yyyy-MM-dd HH:mm} UTC; a release manager other than you approves it.";
        });

    [HttpPost("{id:guid}/items/{itemId}/waiver/approve"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> ApproveWaiver(Guid id, string itemId, CommentInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            await runs.ApproveWaiverAsync(id, itemId, input.Comment, actor, input.Version, ct);
            return "Waiver approved.";
        });

    [HttpPost("{id:guid}/items/{itemId}/waiver/reject"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> RejectWaiver(Guid id, string itemId, CommentInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            await runs.RejectWaiverAsync(id, itemId, input.Comment, actor, input.Version, ct);
            return "Waiver rejected.";
        });

    [HttpPost("{id:guid}/items/{itemId}/assign"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> Assign(Guid id, string itemId, AssignInput input, CancellationToken ct) =>
        ItemActionAsync(id, itemId, async actor =>
        {
            var e = await runs.AssignAsync(id, itemId, input.UserId, actor, input.Version, ct);
            return e.Detail is { } detail ? char.ToUpperInvariant(detail[0]) + detail[1..] + "." : "Assigned.";
        });

    [HttpPost("{id:guid}/decision"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> Decide(Guid id, DecisionInput input, CancellationToken ct) =>
        RunActionAsync(id, "decision", async actor =>
        {
            var outcome = input.Decision?.Trim().ToLowerInvariant() switch
            {
                "go" => GateDecision.Go,
                "no-go" => GateDecision.NoGo,
                _ => throw new RuleViolationException(RunRules.Input, RuleViolationKind.Invalid, "choose go or no-go"),
            };
            var decision = await runs.DecideAsync(id, outcome, input.Comment, actor, ct);
            return decision.Outcome == GateDecision.Go
                ? $"GO recorded; the runbook is frozen (SHA-256 {decision.RunbookSha256})."
                : "NO-GO recorded; fix the items and decide again.";
        });

    [HttpPost("{id:guid}/cancel"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> Cancel(Guid id, ReasonInput input, CancellationToken ct) =>
        RunActionAsync(id, "run-actions", async actor =>
        {
            await runs.CancelAsync(id, input.Reason, actor, ct);
            return "Run cancelled.";
        });

    [HttpPost("{id:guid}/reopen"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> Reopen(Guid id, ReasonInput input, CancellationToken ct) =>
        RunActionAsync(id, "run-actions", async actor =>
        {
            await runs.ReopenAsync(id, input.Reason, actor, ct);
            return "Run reopened: fix what drifted and decide again.";
        });

    [HttpPost("{id:guid}/complete"), Authorize(Policy = AuthorizationPolicies.ManageRuns)]
    public Task<IActionResult> Complete(Guid id, CancellationToken ct) =>
        RunActionAsync(id, "run-actions", async actor =>
        {
            await runs.CompleteAsync(id, actor, ct);
            return "Run completed.";
        });

    /// <summary>
    /// A refusal with its own body: the status-code page would re-run the request as a form post, and this request's
    /// body is already consumed.
    /// </summary>
    private static ContentResult AntiforgeryRefused() => new()
    {
        StatusCode = StatusCodes.Status400BadRequest,
        ContentType = "text/plain; charset=utf-8",
        Content = "The upload's antiforgery token is missing or no longer valid: reload the run page and upload the file again.",
    };

    private string AntiforgeryHeader => antiforgeryOptions.Value.HeaderName ?? "X-CSRF-TOKEN";

    private async Task<IActionResult> ItemActionAsync(Guid id, string itemId, Func<Actor, Task<string>> action)
    {
        try
        {
            Flash(await action(RunActors.From(User)), error: false, itemId);
        }
        catch (RuleViolationException ex)
        {
            Flash(ex.Message, error: true, itemId);
        }
        return RedirectToItem(id, itemId);
    }

    private async Task<IActionResult> RunActionAsync(Guid id, string anchor, Func<Actor, Task<string>> action)
    {
        try
        {
            Flash(await action(RunActors.From(User)), error: false, itemId: null);
        }
        catch (RuleViolationException ex)
        {
            Flash(ex.Message, error: true, itemId: null);
        }
        return Redirect($"/runs/{id}#{anchor}");
    }

    private RedirectResult RedirectToItem(Guid id, string itemId) => Redirect($"/runs/{id}#item-{Uri.EscapeDataString(itemId)}");

    private void Flash(string message, bool error, string? itemId)
    {
        TempData[MessageKey] = message;
        TempData[MessageErrorKey] = error;
        TempData[MessageItemKey] = itemId;
    }

    private RunMessage? TakeMessage() =>
        TempData[MessageKey] is string text
            ? new RunMessage(text, TempData[MessageErrorKey] is true, TempData[MessageItemKey] as string)
            : null;

    private async Task<CreateRunViewModel> CreateModelAsync(CreateRunInput input, string? error, CancellationToken ct)
    {
        var options = templates.Templates.Select(t => new TemplateOption(t.Id, t.Template.Title, t.ContentHash[..12], t.Template.Items.Count)).ToList();
        var clusters = await db.Clusters.AsNoTracking().OrderBy(c => c.Name).Select(c => new ClusterOption(c.Id, c.Name)).ToListAsync(ct);
        return new CreateRunViewModel(input, options, await UsersAsync(ct), clusters, error);
    }

    private Task<List<UserOption>> UsersAsync(CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.UserName)
            .Select(u => new UserOption(u.Id, u.UserName ?? u.Id)).ToListAsync(ct);

    private static string FileNamePart(string value) =>
        new(value.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
}
