namespace Checklist.Web.Operations;

public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Outside Development an unhandled error becomes the error page (or problem details under /api) with the
    /// request's correlation id, which is also in the JSON log line, and never a stack trace.
    /// </summary>
    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.UseDeveloperExceptionPage();
        else
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                // API callers get problem details from the same path; see ErrorController.
                AllowStatusCode404Response = true,
            });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
