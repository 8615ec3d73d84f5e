namespace Checklist.Core.Kubernetes.Manifests;

/// <summary>Kinds that live outside any namespace; a manifest reader must not give them the run's namespace.</summary>
public static class ClusterScopedKinds
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
        "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "RuntimeClass",
        "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy",
        "MutatingAdmissionPolicyBinding", "IngressClass", "CertificateSigningRequest", "FlowSchema",
        "PriorityLevelConfiguration", "ComponentStatus", "ClusterIssuer", "VolumeSnapshotClass",
        "VolumeSnapshotContent", "GatewayClass", "IPAddress", "ServiceCIDR",
        "DeviceClass", "ResourceSlice", "StorageVersionMigration", "ClusterTrustBundle",
    };

    public static bool Contains(string kind) => Kinds.Contains(kind);
}
