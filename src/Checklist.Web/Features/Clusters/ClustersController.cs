using System.ComponentModel.DataAnnotations;
using Checklist.Core.Runs;
using Checklist.Web.Clusters;
using Checklist.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Checklist.Web.Features.Clusters;

[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/clusters")]
public sealed class ClustersController(ClusterService clusters) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Index", new ClustersViewModel(await clusters.ListAsync(ct), new RegisterServerInput(), new RegisterKubeconfigInput(), null));

    [HttpPost("")]
    public Task<IActionResult> RegisterServer(RegisterServerInput input, CancellationToken ct) =>
        RegisterAsync(new ClusterRegistration(input.Name, input.Server, input.CaData, input.Token, input.InsecureSkipTlsVerify, null, null),
            failed: list => new ClustersViewModel(list, input, new RegisterKubeconfigInput(), "server"), ct);

    [HttpPost("kubeconfig")]
    public Task<IActionResult> RegisterKubeconfig(RegisterKubeconfigInput input, CancellationToken ct) =>
        RegisterAsync(new ClusterRegistration(input.Name, null, null, null, false, input.Kubeconfig, input.Context),
            failed: list => new ClustersViewModel(list, new RegisterServerInput(), input, "kubeconfig"), ct);

    [HttpPost("{id:guid}/test")]
    public async Task<IActionResult> Test(Guid id, CancellationToken ct)
    {
        try
        {
            var result = await clusters.TestAsync(id, ct);
            TempData[ClustersViewModel.TestResultKey] = (result.Ok ? "ok|" : "failed|") + result.Message;
        }
        catch (RuleViolationException e)
        {
            TempData["Message"] = e.Message;
        }
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        try
        {
            var cluster = await clusters.DeleteAsync(id, ct);
            TempData["Message"] = $"Deleted cluster {cluster.Name}.";
        }
        catch (RuleViolationException e)
        {
            TempData[ClustersViewModel.TestResultKey] = "failed|" + e.Message;
        }
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> RegisterAsync(ClusterRegistration registration, Func<List<ClusterSummary>, ClustersViewModel> failed, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var cluster = await clusters.RegisterAsync(registration, ct);
                TempData["Message"] = $"Registered cluster {cluster.Name} ({cluster.Server}). Use Test connection to check it can be read.";
                return RedirectToAction(nameof(Index));
            }
            catch (RuleViolationException e)
            {
                ModelState.AddModelError("", e.Message);
            }
        }
        return View("Index", failed(await clusters.ListAsync(ct)));
    }
}

public sealed record ClustersViewModel(
    IReadOnlyList<ClusterSummary> Clusters, RegisterServerInput Server, RegisterKubeconfigInput Kubeconfig, string? FailedForm)
{
    public const string TestResultKey = "ClusterResult";
}

public sealed class RegisterServerInput
{
    [Required(ErrorMessage = "Give the cluster a name."), StringLength(Cluster.MaxNameLength), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Give the API server address, e.g. https://api.example.com:6443."), Display(Name = "API server")]
    public string Server { get; set; } = "";

    [Display(Name = "CA certificate (PEM or base64)")]
    public string? CaData { get; set; }

    [Display(Name = "Bearer token")]
    public string? Token { get; set; }

    [Display(Name = "Skip TLS verification (insecure)")]
    public bool InsecureSkipTlsVerify { get; set; }
}

public sealed class RegisterKubeconfigInput
{
    [Required(ErrorMessage = "Give the cluster a name."), StringLength(Cluster.MaxNameLength), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Paste the kubeconfig."), Display(Name = "Kubeconfig")]
    public string Kubeconfig { get; set; } = "";

    [Display(Name = "Context (empty: the current-context)")]
    public string? Context { get; set; }
}
