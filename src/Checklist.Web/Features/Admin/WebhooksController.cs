using Checklist.Web.Security;
using Checklist.Web.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Admin;

/// <summary>Webhook endpoints (URL, secret, events) and the log of every delivery attempt.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/webhooks")]
public sealed class WebhooksController(WebhookAdministration webhooks) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Webhooks", new WebhooksViewModel(await webhooks.ListAsync(ct), new WebhookInput { Events = [.. WebhookEvents.All] }));

    [HttpPost("")]
    public async Task<IActionResult> Create(WebhookInput input, CancellationToken ct)
    {
        var error = await webhooks.CreateAsync(input.Name ?? "", input.Url ?? "", input.Secret ?? "", input.Events, ct);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            var view = View("Webhooks", new WebhooksViewModel(await webhooks.ListAsync(ct), input));
            view.StatusCode = StatusCodes.Status400BadRequest;
            return view;
        }
        TempData["Message"] = $"Webhook endpoint {input.Name} created.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{endpointId:guid}")]
    public async Task<IActionResult> Edit(Guid endpointId, CancellationToken ct)
    {
        var endpoint = await webhooks.FindAsync(endpointId, ct);
        if (endpoint is null) return NotFound();
        return View("WebhookEdit", new WebhookEditViewModel(endpointId, new WebhookInput
        {
            Name = endpoint.Name, Url = endpoint.Url, Events = endpoint.Events.ToArray(), Active = endpoint.Active,
        }));
    }

    [HttpPost("{endpointId:guid}")]
    public async Task<IActionResult> Update(Guid endpointId, WebhookInput input, CancellationToken ct)
    {
        var error = await webhooks.UpdateAsync(endpointId, input.Name ?? "", input.Url ?? "", input.Secret, input.Events, input.Active, ct);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            var view = View("WebhookEdit", new WebhookEditViewModel(endpointId, input));
            view.StatusCode = StatusCodes.Status400BadRequest;
            return view;
        }
        TempData["Message"] = $"Webhook endpoint {input.Name} saved.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{endpointId:guid}/delete")]
    public async Task<IActionResult> Delete(Guid endpointId, CancellationToken ct)
    {
        TempData["Message"] = await webhooks.DeleteAsync(endpointId, ct) ? "Webhook endpoint deleted." : "No such webhook endpoint.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{endpointId:guid}/test")]
    public async Task<IActionResult> Test(Guid endpointId, CancellationToken ct)
    {
        TempData["Message"] = await webhooks.QueueTestAsync(endpointId, ct)
            ? "Test notification queued; its delivery appears in the delivery log within seconds."
            : "No such webhook endpoint.";
        return RedirectToAction(nameof(Deliveries), new { endpoint = endpointId });
    }

    [HttpGet("deliveries")]
    public async Task<IActionResult> Deliveries(Guid? endpoint, CancellationToken ct)
    {
        var (deliveries, attempts) = await webhooks.DeliveriesAsync(endpoint, 200, ct);
        return View("WebhookDeliveries", new WebhookDeliveriesViewModel(endpoint, deliveries, attempts));
    }
}

public sealed class WebhookInput
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    /// <summary>Blank on an edit keeps the current secret.</summary>
    public string? Secret { get; set; }
    /// <summary>Empty unless posted: a form with no box ticked binds nothing, and that must mean no events.</summary>
    public string[] Events { get; set; } = [];
    public bool Active { get; set; } = true;
}

public sealed record WebhooksViewModel(IReadOnlyList<WebhookEndpointRow> Endpoints, WebhookInput Input);

public sealed record WebhookEditViewModel(Guid Id, WebhookInput Input);

public sealed record WebhookDeliveriesViewModel(Guid? EndpointId, IReadOnlyList<WebhookDeliveryRow> Deliveries, ILookup<Guid, WebhookAttemptRow> Attempts);
