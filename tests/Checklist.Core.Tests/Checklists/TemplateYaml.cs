namespace Checklist.Core.Tests.Checklists;

/// <summary>Builds small template files for tests, so each test shows only what it is about.</summary>
internal static class TemplateYaml
{
    public static string Template(string title, params string[] items) =>
        $"title: {title}\ndescription: Test template.\nitems:\n{string.Concat(items)}";

    public static string ProbeItem(string id, string probe = "liveness-probe", bool required = true, string? parameters = null) =>
        $"""
          - id: {id}
            section: Section
            title: Title of {id}
            guidance: Guidance for {id}.
            sources: [best-practices#tracing]
            required: {(required ? "true" : "false")}
            probe: {probe}

        """ + (parameters is null ? "" : $"    parameters: {parameters}\n");

    public static string ManualItem(string id, string signoff = "engineer") =>
        $"""
          - id: {id}
            section: Section
            title: Title of {id}
            guidance: Guidance for {id}.
            sources: [best-practices#documentation-and-runbook]
            required: true
            manual:
              evidence: [note]
              signoff: {signoff}

        """;
}
