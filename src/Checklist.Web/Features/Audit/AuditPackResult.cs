using Checklist.Core.Runs;
using Checklist.Web.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Checklist.Web.Features.Audit;

/// <summary>Sends a run's audit pack to the browser as a ZIP download (see <see cref="AuditPackBuilder"/> for how it is built).</summary>
public sealed class AuditPackResult(AuditPackBuilder packs, Run run) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(AuditPackBuilder.FileName(run));
        response.Headers.ContentDisposition = disposition.ToString();
        await packs.WriteAsync(run, response.Body, context.HttpContext.RequestAborted);
    }
}
