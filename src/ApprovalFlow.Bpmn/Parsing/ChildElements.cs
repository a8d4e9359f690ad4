using System.Xml.Linq;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Checks the BPMN children of a flow node: known ones are read elsewhere or ignored, others rejected.</summary>
internal static class ChildElements
{
    /// <summary>Children every flow node may have and that carry no execution semantics here.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "incoming", "outgoing", "documentation", "extensionElements", "ioSpecification",
        "dataInputAssociation", "dataOutputAssociation", "property", "auditing", "monitoring", "categoryValueRef",
    };

    /// <summary>
    /// Rejects every BPMN child of <paramref name="element"/> that is neither ignored nor in
    /// <paramref name="handled"/>, and every unsupported Camunda extension.
    /// </summary>
    public static void Check(XElement element, ReadContext context, params string[] handled)
    {
        foreach (var child in BpmnXml.ModelChildren(element))
        {
            var name = child.Name.LocalName;
            if (!Ignored.Contains(name) && !handled.Contains(name, StringComparer.Ordinal))
            {
                context.Reject(element, name, UnsupportedElements.BpmnReason(name));
            }
        }

        ExtensionReader.RejectUnsupported(element, context);
    }
}
