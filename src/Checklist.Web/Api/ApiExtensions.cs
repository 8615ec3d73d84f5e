using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Checklist.Web.Api;

public static class ApiExtensions
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        // The API accepts bearer tokens only: a browser's cookie never authenticates it, so cross-site
        // requests cannot act through it and it needs no antiforgery token.
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthenticationHandler.SchemeName })
            .DisableAntiforgery()
            .WithTags("Checklist API");
        api.MapAuthApi();
        api.MapUsersApi();
        api.MapTemplatesApi();
        api.MapRunsApi();
        api.MapAuditApi();
        api.MapClustersApi();
        api.MapVerificationApi();
        return app;
    }
}
