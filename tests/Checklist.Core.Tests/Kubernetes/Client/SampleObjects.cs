using System.Text.Json.Nodes;

namespace Checklist.Core.Tests.Kubernetes.Client;

/// <summary>Realistic objects in bulk, for the paging tests and the live snapshot benchmark.</summary>
public static class SampleObjects
{
    /// <summary>A Deployment as a release would ship it: probes, resources, security context, two replicas.</summary>
    public static JsonObject Deployment(string @namespace, string name, string app)
    {
        var labels = new JsonObject { ["app"] = app, ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = "shop" };
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = @namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = "1001",
                ["generation"] = 3,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "3" },
                ["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "helm", ["operation"] = "Update" }),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 2,
                ["revisionHistoryLimit"] = 5,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = name } },
                ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject
                    {
                        ["serviceAccountName"] = name,
                        ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true, ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "app",
                            ["image"] = $"registry.example.com/shop/{name}:1.4.2",
                            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["name"] = "http" }),
                            ["env"] = new JsonArray(new JsonObject
                            {
                                ["name"] = "DB_PASSWORD",
                                ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = $"{name}-db", ["key"] = "password" } },
                            }),
                            ["resources"] = new JsonObject
                            {
                                ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
                                ["limits"] = new JsonObject { ["memory"] = "256Mi" },
                            },
                            ["livenessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz/live", ["port"] = "http" } },
                            ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz/ready", ["port"] = "http" } },
                            ["securityContext"] = new JsonObject
                            {
                                ["allowPrivilegeEscalation"] = false,
                                ["readOnlyRootFilesystem"] = true,
                                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                            },
                        }),
                    },
                },
            },
            ["status"] = new JsonObject { ["replicas"] = 2, ["readyReplicas"] = 2, ["availableReplicas"] = 2, ["observedGeneration"] = 3 },
        };
    }

    /// <summary>A namespace object, as a GET of /api/v1/namespaces/{name} returns it.</summary>
    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };
}
