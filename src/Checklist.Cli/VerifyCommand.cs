using System.CommandLine;
using Checklist.Core.Checklists;
using Checklist.Core.Kubernetes;
using Checklist.Core.Kubernetes.Client;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Kubernetes.Selectors;
using Checklist.Core.Probes;
using Checklist.Core.Probes.Reporting;

namespace Checklist.Cli;

/// <summary>
/// <c>checklist verify</c>: runs a template's probe items against rendered manifests or a live cluster, without
/// the web app, so a CI pipeline can gate on it. Exit 0 = passed, 1 = a required item failed, 2 = bad input or
/// the cluster could not be read.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var template = new Option<string>("--template") { Description = "The template id (its file name in the templates folder).", Required = true };
        var templates = new Option<string?>("--templates") { Description = "The folder of templates (default: ./checklists, else the one shipped with this command)." };
        var manifests = new Option<string[]>("--manifests") { Description = "Manifest files or folders (YAML, JSON, helm template output).", AllowMultipleArgumentsPerToken = true };
        var ns = new Option<string?>("--namespace") { Description = "The namespace to verify; with manifests, the namespace of objects that name none." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Read a live cluster with this kubeconfig." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: its current context)." };
        var selector = new Option<string?>("--selector") { Description = "A label selector narrowing the release's objects, e.g. app.kubernetes.io/name=shop." };
        var format = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", ReportWriter.Formats)}.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong([.. ReportWriter.Formats]);
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output." };

        var command = new Command("verify", "Verify a template's automated items against manifests or a live cluster.")
        {
            template, templates, manifests, ns, kubeconfig, context, selector, format, output,
        };
        command.SetAction(async (parse, ct) => await RunAsync(new Request(
            parse.GetValue(template)!, parse.GetValue(templates), parse.GetValue(manifests) ?? [], parse.GetValue(ns),
            parse.GetValue(kubeconfig), parse.GetValue(context), parse.GetValue(selector), parse.GetValue(format)!,
            parse.GetValue(output)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private sealed record Request(string Template, string? Templates, string[] Manifests, string? Namespace, string? Kubeconfig,
        string? Context, string? Selector, string Format, string? Output);

    private static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if ((request.Manifests.Length > 0) == (request.Kubeconfig is not null))
            return Fail(stderr, "Give either --manifests PATH... or --kubeconfig FILE --namespace NS.");
        if (request.Kubeconfig is not null && string.IsNullOrWhiteSpace(request.Namespace))
            return Fail(stderr, "--namespace is required with --kubeconfig.");

        var template = LoadTemplate(request, stderr);
        if (template is null) return ExitCodes.BadInput;

        LabelSelector? selector = null;
        if (request.Selector is not null && !LabelSelector.TryParse(request.Selector, out selector, out var selectorError))
            return Fail(stderr, $"--selector: {selectorError}");

        ClusterSnapshot snapshot;
        if (request.Manifests.Length > 0)
        {
            var missing = request.Manifests.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
            if (missing.Count > 0) return Fail(stderr, $"No such file or folder: {string.Join(", ", missing)}");
            var read = ManifestReader.Read(request.Manifests, request.Namespace);
            if (read.HasErrors)
            {
                foreach (var error in read.Errors) stderr.WriteLine(error.ToString());
                return ExitCodes.BadInput;
            }
            snapshot = read.ToSnapshot(DateTimeOffset.UtcNow, selector);
        }
        else
        {
            try
            {
                var connection = KubeConnection.FromKubeconfigFile(request.Kubeconfig!, request.Context);
                snapshot = await new ClusterSnapshotReader().ReadAsync(connection, request.Namespace!, request.Selector, null, ct);
            }
            catch (Exception ex) when (ex is KubeconfigException or KubeApiException or ArgumentException or IOException)
            {
                return Fail(stderr, $"The cluster could not be read: {ex.Message}");
            }
        }

        var report = TemplateVerifier.Verify(template, snapshot, ct);
        var writer = ReportWriter.For(request.Format);
        if (request.Output is null)
        {
            writer.Write(report, stdout);
        }
        else
        {
            await using var file = new StreamWriter(request.Output) { NewLine = "\n" };
            writer.Write(report, file);
        }
        return report.ExitCode;
    }

    private static ChecklistTemplate? LoadTemplate(Request request, TextWriter stderr)
    {
        var directory = request.Templates
                        ?? new[] { "checklists", Path.Combine(AppContext.BaseDirectory, "checklists") }.FirstOrDefault(Directory.Exists);
        if (directory is null || !Directory.Exists(directory))
        {
            Fail(stderr, $"No templates folder{(directory is null ? "" : $" '{directory}'")}: name one with --templates DIR.");
            return null;
        }
        var catalog = TemplateLoader.LoadDirectory(directory);
        if (!catalog.IsValid)
        {
            foreach (var error in catalog.Errors) stderr.WriteLine(error.ToString());
            return null;
        }
        var version = catalog.Find(request.Template);
        if (version is null)
            Fail(stderr, $"No template '{request.Template}' in {directory}; it has {string.Join(", ", catalog.Templates.Select(t => t.Id))}.");
        return version?.Template;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return ExitCodes.BadInput;
    }
}
