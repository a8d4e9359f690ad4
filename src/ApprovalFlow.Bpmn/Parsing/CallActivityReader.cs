using System.Globalization;
using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Reads a call activity (BPMN 2.0.2 §10.3.6) with Camunda's binding and variable mappings.</summary>
internal static class CallActivityReader
{
    /// <summary>Reads the call activity described by <paramref name="header"/>; errors are reported, the node is still returned.</summary>
    public static CallActivity Read(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        var calledElement = context.QNameRef(element, "calledElement");
        if (calledElement is null)
        {
            context.Diagnostics.Add(element, DiagnosticCodes.MissingCalledElement, $"{BpmnXml.Describe(element)} has no calledElement (the id of the process to start).");
        }

        var (binding, version) = Binding(element, context);
        var ins = ExtensionReader.CamundaElements(element, "in").ToList();
        var businessKey = ins.Select(e => BpmnXml.Attr(e, "businessKey")).FirstOrDefault(k => k is not null);
        return new CallActivity
        {
            Id = header.Id,
            ScopeId = header.ScopeId,
            CalledElement = Expression.Parse(calledElement ?? string.Empty),
            Binding = binding,
            Version = version,
            In = [.. ins.Where(e => e.Attribute("businessKey") is null).Select(e => Mapping(element, e, context))],
            Out = [.. ExtensionReader.CamundaElements(element, "out").Select(e => Mapping(element, e, context))],
            BusinessKey = businessKey is null ? null : Expression.Parse(businessKey),
        };
    }

    private static (CalledElementBinding Binding, int? Version) Binding(XElement element, ReadContext context)
    {
        switch (BpmnXml.CamundaAttr(element, "calledElementBinding"))
        {
            case null or "latest":
                return (CalledElementBinding.Latest, null);
            case "version":
                var text = BpmnXml.CamundaAttr(element, "calledElementVersion");
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
                {
                    return (CalledElementBinding.Version, version);
                }

                context.Diagnostics.Add(element, DiagnosticCodes.InvalidCalledElementVersion,
                    $"{BpmnXml.Describe(element)} binds to a version, but camunda:calledElementVersion '{text}' is not a positive integer.");
                return (CalledElementBinding.Version, null);
            case var other:
                context.Diagnostics.Add(element, DiagnosticCodes.UnsupportedAttribute,
                    $"{BpmnXml.Describe(element)} has camunda:calledElementBinding '{other}'; only 'latest' and 'version' are supported.");
                return (CalledElementBinding.Latest, null);
        }
    }

    /// <summary>Reads one <c>camunda:in</c>/<c>camunda:out</c> mapping of <paramref name="owner"/>; reports <see cref="DiagnosticCodes.InvalidMapping"/>.</summary>
    public static VariableMapping Mapping(XElement owner, XElement mapping, ReadContext context)
    {
        var result = new VariableMapping
        {
            All = BpmnXml.Attr(mapping, "variables") == "all",
            Source = BpmnXml.Attr(mapping, "source"),
            SourceExpression = BpmnXml.Attr(mapping, "sourceExpression") is { } expression ? Expression.Parse(expression) : null,
            Target = BpmnXml.Attr(mapping, "target"),
        };
        var singleSource = (result.Source is null) != (result.SourceExpression is null);
        if (!result.All && !(singleSource && result.Target is not null))
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.InvalidMapping,
                $"A camunda:{mapping.Name.LocalName} mapping of {BpmnXml.Describe(owner)} needs variables=\"all\", or one of source and sourceExpression plus a target.");
        }

        return result;
    }
}
