using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Checklist.Web.Features.Audit;

/// <summary>Streams an export to the browser as a download, writing events as they are read.</summary>
public sealed class AuditExportResult(IAsyncEnumerable<AuditEvent> events, AuditExportFormat format, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = AuditExport.ContentType(format);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await AuditExport.WriteAsync(events, response.Body, format, context.HttpContext.RequestAborted);
    }
}
