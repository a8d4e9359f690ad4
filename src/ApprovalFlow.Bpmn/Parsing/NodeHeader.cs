using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>What every flow node reads the same way: id, scope, name, position and Camunda properties.</summary>
/// <param name="Id">The node's claimed id.</param>
/// <param name="ScopeId">The enclosing process or subprocess id.</param>
/// <param name="Element">The node's XML element.</param>
internal sealed record NodeHeader(string Id, string ScopeId, XElement Element)
{
    /// <summary>Returns <paramref name="node"/> with the name, position and properties read from <see cref="Element"/>.</summary>
    public T Apply<T>(T node)
        where T : FlowNode =>
        (T)(node with
        {
            Name = BpmnXml.Attr(Element, "name"),
            Position = BpmnXml.PositionOf(Element),
            Properties = ExtensionReader.Properties(Element),
        });
}
