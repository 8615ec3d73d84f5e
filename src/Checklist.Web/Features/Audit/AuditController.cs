using Checklist.Web.Auditing;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Audit;

[Authorize(Policy = AuthorizationPolicies.Read)]
[Route("audit")]
public sealed class AuditController(
    AuditQuery audit, AuditVerifier verifier, AuditPackBuilder packs, AuditOptions options, TimeProvider time, IAuthorizationService authorization) : Controller
{
    // [FromQuery] everywhere a filter binds: "action" is also MVC's own route value.
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilterQuery filter, [FromQuery] long? before, [FromQuery] long? after, CancellationToken ct)
    {
        var canExport = await CanAsync(AuthorizationPolicies.Audit);
        var (parsed, errors) = AuditFilter.Parse(filter);
        if (parsed is null)
        {
            var invalid = View(new AuditLogViewModel(filter, errors, null, canExport));
            invalid.StatusCode = StatusCodes.Status400BadRequest;
            return invalid;
        }
        var page = await audit.PageAsync(parsed, before, after, ct);
        return View(new AuditLogViewModel(filter, errors, page, canExport));
    }

    [HttpGet("{seq:long}")]
    public async Task<IActionResult> Event(long seq, CancellationToken ct)
    {
        var e = await audit.FindAsync(seq, ct);
        if (e is null)
        {
            var missing = View("EventMissing", seq);
            missing.StatusCode = StatusCodes.Status404NotFound;
            return missing;
        }
        var (previous, next) = await audit.NeighboursAsync(seq, ct);
        return View(new AuditEventViewModel(e, JsonComparison.Compare(e.Before, e.After), previous, next));
    }

    [HttpGet("export")]
    [Authorize(Policy = AuthorizationPolicies.Audit)]
    public IActionResult Export([FromQuery] AuditFilterQuery filter, [FromQuery] string? format, CancellationToken ct)
    {
        var (parsed, errors) = AuditFilter.Parse(filter);
        if (!AuditExport.TryParseFormat(format, out var exportFormat))
            errors = [.. errors, $"format must be json or csv, not '{format}'."];
        if (parsed is null || errors.Count > 0)
        {
            var invalid = View(nameof(Index), new AuditLogViewModel(filter, errors, null, CanExport: true));
            invalid.StatusCode = StatusCodes.Status400BadRequest;
            return invalid;
        }
        return new AuditExportResult(audit.StreamAsync(parsed, ct), exportFormat, AuditExport.FileName(exportFormat, time.GetUtcNow()));
    }

    [HttpGet("verify")]
    [Authorize(Policy = AuthorizationPolicies.Audit)]
    public async Task<IActionResult> Verify(CancellationToken ct) => View(await VerifyModelAsync(null, ct));

    /// <summary>A check, not a change: it writes nothing, so it shows its result instead of redirecting.</summary>
    [HttpPost("verify")]
    [Authorize(Policy = AuthorizationPolicies.Audit)]
    public async Task<IActionResult> RunVerification(CancellationToken ct)
    {
        var report = await verifier.VerifyAsync(ct);
        return View(nameof(Verify), await VerifyModelAsync(report, ct));
    }

    [HttpGet("runs/{runId:guid}")]
    public async Task<IActionResult> Timeline(Guid runId, CancellationToken ct)
    {
        var timeline = await audit.RunTimelineAsync(runId, ct);
        var view = View(AuditTimelineViewModel.From(timeline, await CanAsync(AuthorizationPolicies.Audit)));
        if (timeline.Run is null && timeline.Events.Count == 0) view.StatusCode = StatusCodes.Status404NotFound;
        return view;
    }

    [HttpGet("runs/{runId:guid}/pack")]
    [Authorize(Policy = AuthorizationPolicies.Audit)]
    public async Task<IActionResult> Pack(Guid runId, CancellationToken ct)
    {
        var run = await packs.FindRunAsync(runId, ct);
        if (run is null)
        {
            TempData["Message"] = $"There is no run {runId}, so there is no audit pack for it.";
            return RedirectToAction(nameof(Timeline), new { runId });
        }
        return new AuditPackResult(packs, run);
    }

    private async Task<AuditVerifyViewModel> VerifyModelAsync(AuditReport? report, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (oldest, head) = await audit.ExtentAsync(ct);
        return new AuditVerifyViewModel(options.RetentionDays, now.AddDays(-options.RetentionDays), oldest, report?.Chain.Head ?? head, report);
    }

    private async Task<bool> CanAsync(string policy) => (await authorization.AuthorizeAsync(User, policy)).Succeeded;
}
