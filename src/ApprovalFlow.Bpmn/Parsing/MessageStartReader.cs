using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads a message start event (BPMN 2.0.2 §10.5.2, Table 10.84; <c>messageEventDefinition</c> §10.5.5): a
/// message of its name that no waiting subscription takes starts an instance there, as in Camunda 7.
/// Where it may stand (the process level) is checked by <c>MessageStartRules</c>.
/// </summary>
internal static class MessageStartReader
{
    /// <summary>Reads the start event of <paramref name="header"/> with its <paramref name="definition"/>; <see langword="null"/> after reporting an unknown message.</summary>
    public static StartEvent? Read(NodeHeader header, XElement definition, ReadContext context) =>
        EventDefinitionReader.Read(header.Element, definition, context, boundary: false) is MessageEventDefinition message
            ? header.Apply(new StartEvent { Id = header.Id, ScopeId = header.ScopeId, Message = message })
            : null;
}
