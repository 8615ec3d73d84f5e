using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Checklist.Web.Features;

/// <summary>
/// Finds views in the folder of the controller's feature (its namespace under Checklist.Web.Features), so a
/// feature folder may hold several controllers: Features/Admin has both UsersController and TokensController.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
            context.Values[Key] = action.ControllerTypeInfo.Namespace?.Split('.').SkipWhile(s => s != "Features").Skip(1).FirstOrDefault();
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.Values.TryGetValue(Key, out var value) ? value : null;
        return viewLocations
            .Where(l => feature is not null || !l.Contains("{feature}"))
            .Select(l => l.Replace("{feature}", feature));
    }
}
