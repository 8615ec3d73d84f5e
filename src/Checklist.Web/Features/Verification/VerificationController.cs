using Checklist.Core.Runs;
using Checklist.Web.Runs;
using Checklist.Web.Security;
using Checklist.Web.Verification;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Verification;

/// <summary>The run page's verification panel: the Verify now button, and the panel alone for the page to poll.</summary>
[Authorize(Policy = AuthorizationPolicies.Read)]
[Route("runs/{id:guid}")]
public sealed class VerificationController(VerificationService verifications, VerificationQueries queries) : Controller
{
    public const string MessageKey = "VerificationMessage";
    private const string Panel = "~/Features/Runs/_Verification.cshtml";

    [HttpPost("verify"), Authorize(Policy = AuthorizationPolicies.WorkOnItems)]
    public async Task<IActionResult> Verify(Guid id, string? source, CancellationToken ct)
    {
        try
        {
            VerificationSource? chosen = source switch
            {
                "cluster" => VerificationSource.Cluster,
                "manifests" => VerificationSource.Manifests,
                _ => null,
            };
            await verifications.QueueAsync(id, chosen, VerificationTrigger.Manual, RunActors.From(User), ct);
            TempData[MessageKey] = "ok|Verification queued; this panel shows its progress.";
        }
        catch (RuleViolationException e)
        {
            TempData[MessageKey] = "error|" + e.Message;
        }
        return Redirect($"/runs/{id}#verification");
    }

    /// <summary>The panel's HTML, which verification.js fetches while a verification is queued or running.</summary>
    [HttpGet("verification")]
    public async Task<IActionResult> Refresh(Guid id, CancellationToken ct) =>
        await queries.RunExistsAsync(id, ct) ? PartialView(Panel, id) : NotFound();
}
