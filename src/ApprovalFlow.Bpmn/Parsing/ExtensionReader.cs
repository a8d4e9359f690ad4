using System.Xml.Linq;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads the Camunda 7 content of <c>extensionElements</c> (BPMN 2.0.2 §8.2.3): properties, retry
/// cycles and rejects Camunda extensions that would change behaviour but are not supported.
/// Elements of other namespaces are ignored.
/// </summary>
internal static class ExtensionReader
{
    private static readonly Dictionary<string, string> NoProperties = new(StringComparer.Ordinal);

    /// <summary>The Camunda extension elements of <paramref name="element"/> with local name <paramref name="localName"/>.</summary>
    public static IEnumerable<XElement> CamundaElements(XElement element, string localName) =>
        element.Elements(BpmnXml.Model + "extensionElements").Elements(BpmnXml.Camunda + localName);

    /// <summary><c>camunda:properties/camunda:property</c> as name → value; the last value wins.</summary>
    public static IReadOnlyDictionary<string, string> Properties(XElement element)
    {
        var properties = CamundaElements(element, "properties").Elements(BpmnXml.Camunda + "property").ToList();
        if (properties.Count == 0)
        {
            return NoProperties;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (BpmnXml.Attr(property, "name") is { } name)
            {
                result[name] = property.Attribute("value")?.Value ?? property.Value;
            }
        }

        return result;
    }

    /// <summary><c>camunda:failedJobRetryTimeCycle</c> from the attribute or the extension element, or <see langword="null"/>.</summary>
    public static string? RetryTimeCycle(XElement element) =>
        BpmnXml.CamundaAttr(element, "failedJobRetryTimeCycle")
        ?? CamundaElements(element, "failedJobRetryTimeCycle").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);

    /// <summary>Reports each unsupported Camunda extension element of <paramref name="element"/>.</summary>
    public static void RejectUnsupported(XElement element, ReadContext context)
    {
        foreach (var extension in element.Elements(BpmnXml.Model + "extensionElements").Elements()
            .Where(e => e.Name.Namespace == BpmnXml.Camunda))
        {
            if (UnsupportedElements.CamundaReason(extension.Name.LocalName) is { } reason)
            {
                context.Reject(element, $"camunda:{extension.Name.LocalName}", reason);
            }
        }
    }
}
