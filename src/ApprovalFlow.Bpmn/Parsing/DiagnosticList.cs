using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Collects <see cref="BpmnDiagnostic"/>s from the reader and the validator. Not thread-safe.</summary>
internal sealed class DiagnosticList
{
    private readonly List<BpmnDiagnostic> _items = [];

    /// <summary>The diagnostics added so far, in the order added.</summary>
    public IReadOnlyList<BpmnDiagnostic> Items => _items;

    /// <summary>Adds a diagnostic located at <paramref name="element"/>, naming its <c>id</c>.</summary>
    public void Add(XElement element, string code, string message)
    {
        var position = BpmnXml.PositionOf(element);
        _items.Add(new BpmnDiagnostic(BpmnXml.Attr(element, "id"), position.Line, position.Column, code, message));
    }

    /// <summary>Adds a diagnostic about a model element (without an element id for a flow whose id was generated).</summary>
    public void Add(FlowElement element, string code, string message) =>
        _items.Add(new BpmnDiagnostic(element is SequenceFlow { IdGenerated: true } ? null : element.Id, element.Position.Line, element.Position.Column, code, message));

    /// <summary>
    /// Removes the diagnostics added since <paramref name="start"/> (a former <see cref="Items"/> count)
    /// whose code is not in <paramref name="kept"/>.
    /// </summary>
    public void KeepSince(int start, IReadOnlySet<string> kept)
    {
        var later = _items.Skip(start).Where(d => kept.Contains(d.Code)).ToList();
        _items.RemoveRange(start, _items.Count - start);
        _items.AddRange(later);
    }

    /// <summary>Adds a diagnostic with an explicit location.</summary>
    public void Add(string? elementId, SourcePosition position, string code, string message) =>
        _items.Add(new BpmnDiagnostic(elementId, position.Line, position.Column, code, message));
}
