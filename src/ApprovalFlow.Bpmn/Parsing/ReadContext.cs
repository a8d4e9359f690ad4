using System.Xml;
using System.Xml.Linq;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// State shared while reading one file: diagnostics, the messages, errors, signals and escalations declared in it, and the
/// ids seen so far (to report duplicates). Not thread-safe; one per parse.
/// </summary>
internal sealed class ReadContext(DiagnosticList diagnostics)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Where errors go.</summary>
    public DiagnosticList Diagnostics { get; } = diagnostics;

    /// <summary>Named <c>bpmn:message</c>s: name by id.</summary>
    public Dictionary<string, string> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary><c>bpmn:error</c>s: code by id.</summary>
    public Dictionary<string, string?> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary><c>bpmn:error</c>s with a <c>camunda:errorMessage</c>: the message by id.</summary>
    public Dictionary<string, string> ErrorMessages { get; } = new(StringComparer.Ordinal);

    /// <summary><c>bpmn:signal</c>s: name by id.</summary>
    public Dictionary<string, string> Signals { get; } = new(StringComparer.Ordinal);

    /// <summary><c>bpmn:escalation</c>s: code by id.</summary>
    public Dictionary<string, string?> Escalations { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>targetNamespace</c> of <c>bpmn:definitions</c>, or <see langword="null"/> when not given.</summary>
    public string? TargetNamespace { get; set; }

    /// <summary>
    /// The id named by the QName-typed reference attribute <paramref name="name"/> of
    /// <paramref name="element"/> (<c>messageRef</c>, <c>errorRef</c>, <c>attachedToRef</c>,
    /// <c>calledElement</c>: <c>xsd:QName</c> in the BPMN 2.0.2 XSD; BPMN 2.0.2 §8.2.1). A prefix that
    /// maps to the definitions' <c>targetNamespace</c> is dropped (<c>tns:newInvoice</c> → <c>newInvoice</c>);
    /// an unprefixed name is the id as written, as Camunda 7 resolves it. A prefix of another namespace
    /// is kept, so the reference does not resolve (imports are not supported). Trimmed;
    /// <see langword="null"/> when absent or blank.
    /// </summary>
    public string? QNameRef(XElement element, string name)
    {
        var value = BpmnXml.Attr(element, name);
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || colon <= 0 || TargetNamespace is null || value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var prefix = value[..colon];
        return IsPrefix(prefix) && element.GetNamespaceOfPrefix(prefix)?.NamespaceName == TargetNamespace ? value[(colon + 1)..] : value;
    }

    /// <summary>
    /// The element's id when present and not seen before; otherwise reports
    /// <see cref="DiagnosticCodes.MissingId"/> or <see cref="DiagnosticCodes.DuplicateId"/> and returns <see langword="null"/>.
    /// </summary>
    public string? ClaimId(XElement element)
    {
        var id = BpmnXml.Attr(element, "id");
        if (id is null)
        {
            Diagnostics.Add(element, DiagnosticCodes.MissingId, $"{BpmnXml.Describe(element)} has no id; give it one (modelers do).");
        }
        else if (!_ids.Add(id))
        {
            Diagnostics.Add(element, DiagnosticCodes.DuplicateId, $"The id '{id}' of this {element.Name.LocalName} is already used by another element.");
            return null;
        }

        return id;
    }

    /// <summary>Whether the non-empty <paramref name="text"/> is an XML namespace prefix (an NCName), unlike the start of <c>a ? b : c</c>.</summary>
    private static bool IsPrefix(string text) => XmlConvert.IsStartNCNameChar(text[0]) && text.All(XmlConvert.IsNCNameChar);

    /// <summary>
    /// A reference for a sequence flow without a usable id (missing or duplicate, already reported),
    /// unique in the file: <c>sequenceFlow from 'A' to 'B'</c>, numbered when repeated. Reading the flow
    /// under it keeps the nodes behind it reachable, so the cause is reported once.
    /// </summary>
    public string FlowReference(XElement flow)
    {
        var reference = $"sequenceFlow from '{BpmnXml.Attr(flow, "sourceRef")}' to '{BpmnXml.Attr(flow, "targetRef")}'";
        var unique = reference;
        for (var n = 2; !_ids.Add(unique); n++)
        {
            unique = $"{reference} ({n})";
        }

        return unique;
    }

    /// <summary>Reports <paramref name="element"/> as outside the supported subset.</summary>
    public void Reject(XElement element) =>
        Diagnostics.Add(element, DiagnosticCodes.UnsupportedElement,
            $"{BpmnXml.Describe(element)} is not supported: {UnsupportedElements.BpmnReason(element.Name.LocalName)}.");

    /// <summary>Reports the child <paramref name="part"/> (an event definition, loop, attribute) of <paramref name="owner"/> as unsupported.</summary>
    public void Reject(XElement owner, string part, string reason) =>
        Diagnostics.Add(owner, DiagnosticCodes.UnsupportedElement, $"{BpmnXml.Describe(owner)} with {part} is not supported: {reason}.");
}
