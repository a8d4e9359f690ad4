using System.Xml.Linq;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// State shared while reading one file: diagnostics, the messages and errors declared in it, and the
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

    /// <summary>
    /// The element's id when present and not seen before; otherwise reports
    /// <see cref="DiagnosticCodes.MissingId"/> or <see cref="DiagnosticCodes.DuplicateId"/> and returns <see langword="null"/>.
    /// </summary>
    public string? ClaimId(XElement element)
    {
        var id = BpmnXml.Attr(element, "id");
        if (id is null)
        {
            Diagnostics.Add(element, DiagnosticCodes.MissingId, $"{element.Name.LocalName} has no id.");
        }
        else if (!_ids.Add(id))
        {
            Diagnostics.Add(element, DiagnosticCodes.DuplicateId, $"The id '{id}' of this {element.Name.LocalName} is already used by another element.");
            return null;
        }

        return id;
    }

    /// <summary>Reports <paramref name="element"/> as outside the supported subset.</summary>
    public void Reject(XElement element) =>
        Diagnostics.Add(element, DiagnosticCodes.UnsupportedElement,
            $"{BpmnXml.Describe(element)} is not supported: {UnsupportedElements.BpmnReason(element.Name.LocalName)}.");

    /// <summary>Reports the child <paramref name="part"/> (an event definition, loop, attribute) of <paramref name="owner"/> as unsupported.</summary>
    public void Reject(XElement owner, string part, string reason) =>
        Diagnostics.Add(owner, DiagnosticCodes.UnsupportedElement, $"{BpmnXml.Describe(owner)} with {part} is not supported: {reason}.");
}
