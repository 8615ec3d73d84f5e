using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Error;

/// <summary>The error page: a plain message and the correlation id, never a stack trace.</summary>
[AllowAnonymous, IgnoreAntiforgeryToken, ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("error/{status:int?}")]
    public IActionResult Index(int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
                   ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
        if (path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            return Problem(statusCode: code, title: ErrorViewModel.TitleFor(code));
        Response.StatusCode = code;
        return View(new ErrorViewModel(code, HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorViewModel(int Status, string CorrelationId)
{
    public string Title => TitleFor(Status);

    public static string TitleFor(int status) => status switch
    {
        404 => "Page not found",
        403 => "Not allowed",
        400 => "Bad request",
        _ => "Something went wrong",
    };
}
