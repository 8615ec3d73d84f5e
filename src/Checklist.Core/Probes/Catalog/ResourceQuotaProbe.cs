using System.Text.Json.Nodes;
using Checklist.Core.Kubernetes;

namespace Checklist.Core.Probes.Catalog;

/// <summary>Judges each target namespace (the run's, or every namespace the objects are in): it needs a ResourceQuota with a non-empty spec.hard.</summary>
public sealed class ResourceQuotaProbe() : Probe("resource-quota")
{
    protected override IEnumerable<string> KindsRead(ClusterSnapshot snapshot) => ["ResourceQuota"];

    protected override ProbeResult Judge(ProbeContext context)
    {
        foreach (var ns in context.Index.TargetNamespaces)
        {
            var quota = context.Index.InNamespace("ResourceQuota", ns)
                .FirstOrDefault(q => q.Json["spec"]?["hard"] is JsonObject { Count: > 0 });
            if (quota is not null)
                context.PassNamespace(ns, $"ResourceQuota {quota.Name} limits the namespace");
            else
                context.FailNamespace(ns, "has no ResourceQuota with hard limits", "Add a ResourceQuota (spec.hard) sized for the release.");
        }
        return context.Result("No target namespace is known.");
    }
}
