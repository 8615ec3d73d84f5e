using System.Text.Json.Nodes;

namespace Checklist.Core.Kubernetes.PodTemplates;

/// <summary>
/// Main: spec.containers. Init: spec.initContainers that run to completion. Sidecar: an init container with
/// <c>restartPolicy: Always</c>, which runs for the pod's whole life and is judged like a main container.
/// Ephemeral: debug containers added to running pods; they cannot declare resources or probes.
/// </summary>
public enum ContainerRole { Main, Init, Sidecar, Ephemeral }

public sealed class ContainerSpec
{
    public ContainerSpec(JsonObject json, ContainerRole role)
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
        Role = role;
        Name = JsonRead.String(json["name"]) ?? "";
        Image = JsonRead.String(json["image"]);
    }

    public JsonObject Json { get; }
    public ContainerRole Role { get; }
    public string Name { get; }
    public string? Image { get; }

    /// <summary>Runs as long as the pod does (main containers and sidecars).</summary>
    public bool IsLongRunning => Role is ContainerRole.Main or ContainerRole.Sidecar;

    /// <summary>Can declare resources, probes and lifecycle hooks (every role but ephemeral).</summary>
    public bool IsDeclared => Role != ContainerRole.Ephemeral;

    public JsonObject? SecurityContext => Json["securityContext"] as JsonObject;

    public override string ToString() => Name;
}
