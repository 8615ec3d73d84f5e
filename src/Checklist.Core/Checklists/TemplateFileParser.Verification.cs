using System.Globalization;
using Checklist.Core.Probes;
using YamlDotNet.Core;

namespace Checklist.Core.Checklists;

/// <summary>How an item is verified: its probe and parameters, or what a person must provide and sign.</summary>
internal static partial class TemplateFileParser
{
    private static ItemVerification? ReadVerification(YamlTreeNode item, Dictionary<string, YamlTreeNode> fields, string prefix, ErrorList sink)
    {
        var hasProbe = fields.TryGetValue("probe", out var probeNode);
        var hasManual = fields.TryGetValue("manual", out var manualNode);
        fields.TryGetValue("parameters", out var parametersNode);
        if (hasProbe && hasManual)
        {
            sink.Add(manualNode!, $"{prefix}has both 'probe' and 'manual'; keep one");
            return null;
        }
        if (!hasProbe && !hasManual)
        {
            sink.Add(item, $"{prefix}missing field 'probe' or 'manual' (how the item is verified)");
            return null;
        }
        if (hasManual)
        {
            if (parametersNode is not null)
            {
                sink.Add(parametersNode, $"{prefix}'parameters' only applies to an item with 'probe'");
            }
            return ReadManual(manualNode!, prefix, sink);
        }

        if (ReadString(probeNode!, "probe", prefix, sink) is not { } probeId)
        {
            return null;
        }
        var definition = ProbeDefinitions.Find(probeId);
        if (definition is null)
        {
            sink.Add(probeNode!, $"{prefix}unknown probe '{probeId}'{Suggestions.DidYouMean(probeId, ProbeDefinitions.All.Select(p => p.Id))}");
            return null;
        }
        if (parametersNode is null)
        {
            return new ProbeVerification(probeId);
        }
        var values = ReadParameters(definition, parametersNode, prefix, sink);
        return values is null ? null : new ProbeVerification(probeId, values);
    }

    /// <summary>Reads a mapping of parameter values for a probe; null when any of them is wrong (each is reported).</summary>
    internal static Dictionary<string, object>? ReadParameters(ProbeDefinition definition, YamlTreeNode node, string prefix, ErrorList sink)
    {
        if (node.Kind != YamlNodeKind.Mapping)
        {
            sink.Add(node, $"{prefix}'parameters' must map parameter names to values, found {node.Describe()}");
            return null;
        }
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, value) in node.Pairs)
        {
            var parameter = key.Kind == YamlNodeKind.Scalar ? definition.Parameter(key.Value) : null;
            if (parameter is null)
            {
                var known = definition.Parameters.Count == 0
                    ? "it takes no parameters"
                    : "parameters: " + string.Join(", ", definition.Parameters.Select(p => p.Name));
                sink.Add(key, $"{prefix}probe '{definition.Id}' has no parameter {key.Describe()} ({known})");
                ok = false;
                continue;
            }
            if (values.ContainsKey(parameter.Name))
            {
                sink.Add(key, $"{prefix}parameter '{parameter.Name}' appears twice");
                ok = false;
                continue;
            }
            if (ReadParameterValue(parameter.Type, value) is { } parsed)
            {
                values[parameter.Name] = parsed;
            }
            else
            {
                sink.Add(value, $"{prefix}parameter '{parameter.Name}' of probe '{definition.Id}' must be {ParameterTypeNames.Describe(parameter.Type)}, found {value.Describe()}");
                ok = false;
            }
        }
        return ok ? values : null;
    }

    private static object? ReadParameterValue(ProbeParameterType type, YamlTreeNode node)
    {
        var plain = node.Kind == YamlNodeKind.Scalar && node.Style == ScalarStyle.Plain;
        return type switch
        {
            ProbeParameterType.Integer when plain && int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            ProbeParameterType.Boolean when plain && node.Value is "true" or "false" => node.Value == "true",
            ProbeParameterType.String when node.Kind == YamlNodeKind.Scalar && !node.IsNull => node.Value,
            ProbeParameterType.StringList when node.Kind == YamlNodeKind.Sequence && node.Items.All(n => n.Kind == YamlNodeKind.Scalar && !n.IsNull)
                => node.Items.Select(n => n.Value).ToArray(),
            _ => null,
        };
    }

    private static ManualVerification? ReadManual(YamlTreeNode node, string itemPrefix, ErrorList sink)
    {
        var prefix = itemPrefix + "manual: ";
        if (node.Kind != YamlNodeKind.Mapping)
        {
            sink.Add(node, $"{prefix}must be a mapping with evidence and signoff, found {node.Describe()}");
            return null;
        }
        var errorsBefore = sink.Count;
        var fields = ReadFields(node, prefix, ManualFields, sink);
        IReadOnlyList<EvidenceKind> evidence = [];
        if (fields.TryGetValue("evidence", out var evidenceNode))
        {
            evidence = ReadVocabulary<EvidenceKind>(evidenceNode, "evidence", "evidence kind", TemplateVocabulary.TryParseEvidenceKind, TemplateVocabulary.EvidenceKindNames, prefix, sink);
            if (evidence.Count == 0 && evidenceNode.Kind == YamlNodeKind.Sequence)
            {
                sink.Add(evidenceNode, $"{prefix}'evidence' must name at least one of: {string.Join(", ", TemplateVocabulary.EvidenceKindNames)}");
            }
        }
        else
        {
            sink.Add(node, $"{prefix}missing field 'evidence'");
        }

        SignoffRole? signoff = null;
        if (fields.TryGetValue("signoff", out var signoffNode))
        {
            if (ReadString(signoffNode, "signoff", prefix, sink) is { } name)
            {
                if (TemplateVocabulary.TryParseSignoffRole(name, out var role))
                {
                    signoff = role;
                }
                else
                {
                    sink.Add(signoffNode, $"{prefix}unknown signoff role '{name}' (allowed: {string.Join(", ", TemplateVocabulary.SignoffRoleNames)})");
                }
            }
        }
        else
        {
            sink.Add(node, $"{prefix}missing field 'signoff'");
        }

        var fourEyes = fields.TryGetValue("fourEyes", out var fourEyesNode) ? ReadBool(fourEyesNode, "fourEyes", prefix, sink) : false;
        if (sink.Count > errorsBefore || signoff is null || fourEyes is null)
        {
            return null;
        }
        return new ManualVerification(evidence, signoff.Value, fourEyes.Value);
    }
}
