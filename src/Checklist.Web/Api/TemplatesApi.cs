using Checklist.Core.Checklists;
using Checklist.Web.Security;
using Checklist.Web.Templates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Checklist.Web.Api;

public static class TemplatesApi
{
    public sealed record TemplateSummaryResponse(
        string Id, string Title, string? Extends, string VersionHash, int ItemCount, int AutomatedCount, int ManualCount, int RequiredCount);

    public sealed record ManualResponse(IReadOnlyList<string> Evidence, string Signoff, bool FourEyes);

    /// <summary><c>verification</c> is <c>probe</c> (then <c>probe</c> and <c>parameters</c> are set) or <c>manual</c> (then <c>manual</c> is).</summary>
    public sealed record TemplateItemResponse(
        string Id,
        string Section,
        string Title,
        bool Required,
        string Verification,
        string? Probe,
        IReadOnlyDictionary<string, object>? Parameters,
        ManualResponse? Manual,
        IReadOnlyList<string> AppliesWhen,
        IReadOnlyList<string> Runbook,
        IReadOnlyList<string> Sources,
        string Guidance);

    public sealed record TemplateResponse(
        string Id, string Title, string Description, string? Extends, string VersionHash, IReadOnlyList<TemplateItemResponse> Items);

    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").RequireAuthorization(AuthorizationPolicies.Read);
        templates.MapGet("", List).WithSummary("The current version of every checklist template, with item counts.");
        templates.MapGet("/{id}", Get).WithSummary("The current version of one template with its items (Markdown guidance, source citations).");
        return api;
    }

    private static Ok<List<TemplateSummaryResponse>> List(TemplateCatalogService catalog) =>
        TypedResults.Ok(catalog.Templates.Select(t =>
        {
            var counts = TemplateCounts.Of(t.Template);
            return new TemplateSummaryResponse(t.Id, t.Template.Title, t.Template.Extends, t.ContentHash,
                counts.Total, counts.Automated, counts.Manual, counts.Required);
        }).ToList());

    private static Results<Ok<TemplateResponse>, ProblemHttpResult> Get(string id, TemplateCatalogService catalog)
    {
        var version = catalog.Current(id);
        if (version is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such template",
                detail: $"No template has the id '{id}'. Known ids: {string.Join(", ", catalog.Templates.Select(t => t.Id))} " +
                        "(GET /api/v1/templates lists them; the id is the template's file name without .yaml).");
        var template = version.Template;
        return TypedResults.Ok(new TemplateResponse(template.Id, template.Title, template.Description, template.Extends, version.ContentHash,
            template.Items.Select(ToResponse).ToList()));
    }

    private static TemplateItemResponse ToResponse(TemplateItem item) => new(
        item.Id,
        item.Section,
        item.Title,
        item.Required,
        item.Probe is not null ? "probe" : "manual",
        item.Probe?.ProbeId,
        item.Probe?.Parameters,
        item.Manual is { } manual
            ? new ManualResponse(manual.Evidence.Select(TemplateVocabulary.Name).ToList(), TemplateVocabulary.Name(manual.Signoff), manual.FourEyes)
            : null,
        item.AppliesWhen.Select(TemplateVocabulary.Name).ToList(),
        item.Runbook.Select(TemplateVocabulary.Name).ToList(),
        item.Sources,
        item.Guidance);
}
