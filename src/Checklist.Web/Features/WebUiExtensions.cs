using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Checklist.Web.Features;

public static class WebUiExtensions
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews(o =>
            // Every unsafe form post must carry the antiforgery token, without relying on each action remembering.
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        builder.Services.Configure<RazorViewEngineOptions>(o =>
        {
            // Feature folders: Features/<Feature>/<View>.cshtml, shared views in Features/Shared.
            o.ViewLocationFormats.Clear();
            o.ViewLocationFormats.Add("/Features/{feature}/{0}.cshtml");
            o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
            o.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
        });
        return builder;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        app.MapControllers();
        return app;
    }
}
