namespace Checklist.Core.Probes;

public enum ProbeParameterType { Integer, Boolean, String, StringList }

/// <summary>A parameter a checklist item may set for its probe; <see cref="Default"/> applies when it does not.</summary>
public sealed record ProbeParameter(string Name, ProbeParameterType Type, object Default, string Description);

/// <summary>What the catalog knows about a probe without running it: enough to validate a template.</summary>
public sealed record ProbeDefinition(string Id, string Title, string Reads, string PassesWhen, IReadOnlyList<ProbeParameter> Parameters)
{
    public ProbeParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
