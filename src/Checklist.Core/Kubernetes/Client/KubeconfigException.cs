namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// A kubeconfig, an in-cluster service account folder or a cluster registration could not be turned into a
/// connection. The message names the file (with line and column where the YAML is at fault) and the problem.
/// </summary>
public sealed class KubeconfigException(string message, Exception? innerException = null) : Exception(message, innerException);
