using System.Xml;
using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Namespaces and small XML accessors shared by the readers.</summary>
internal static class BpmnXml
{
    /// <summary>The BPMN 2.0 model namespace (BPMN 2.0.2 §8.1).</summary>
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The Camunda 7 extension namespace.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Where <paramref name="node"/> starts (the column of its <c>&lt;</c>); (0, 0) without line info.</summary>
    public static SourcePosition PositionOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo()
            ? new SourcePosition(info.LineNumber, node is XElement ? info.LinePosition - 1 : info.LinePosition) // XmlReader points at the name.
            : default;

    /// <summary>The unqualified attribute <paramref name="name"/>, trimmed; <see langword="null"/> when absent or blank.</summary>
    public static string? Attr(XElement element, string name) => NonBlank(element.Attribute(name)?.Value);

    /// <summary>The <c>camunda:</c> attribute <paramref name="name"/>, trimmed; <see langword="null"/> when absent or blank.</summary>
    public static string? CamundaAttr(XElement element, string name) => NonBlank(element.Attribute(Camunda + name)?.Value);

    /// <summary><see langword="true"/> when the attribute is <c>true</c> (XML Schema boolean).</summary>
    public static bool IsTrue(XElement element, string name) =>
        Attr(element, name) is "true" or "1";

    /// <summary>The BPMN child <paramref name="localName"/>'s trimmed text, or <see langword="null"/> when absent or blank.</summary>
    public static string? ChildText(XElement element, string localName) => NonBlank(element.Element(Model + localName)?.Value);

    /// <summary>The BPMN-namespace children of <paramref name="element"/>.</summary>
    public static IEnumerable<XElement> ModelChildren(XElement element) =>
        element.Elements().Where(e => e.Name.Namespace == Model);

    /// <summary>
    /// The element for messages: its name and <c>id</c>; without an id, a sequence flow is named by its
    /// ends (<c>sequenceFlow from 'A' to 'B'</c>), any other element by its name alone.
    /// </summary>
    public static string Describe(XElement element) =>
        (Attr(element, "id"), element.Name.LocalName) switch
        {
            ({ } id, var name) => $"{name} '{id}'",
            (null, "sequenceFlow") => $"sequenceFlow from '{Attr(element, "sourceRef")}' to '{Attr(element, "targetRef")}'",
            (null, var name) => name,
        };

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
