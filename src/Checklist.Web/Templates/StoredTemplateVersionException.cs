namespace Checklist.Web.Templates;

/// <summary>
/// A stored template version that this build cannot rebuild with its original content hash, typically because
/// the probe catalog changed since it was recorded (a probe or parameter was removed or added). The message
/// names the version and the reason.
/// </summary>
public sealed class StoredTemplateVersionException(string message, Exception? inner = null) : Exception(message, inner);
