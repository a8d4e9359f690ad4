using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Message names with <c>${...}</c> (Camunda 7 message name expressions): valid JavaScript where the engine resolves
/// them when an event subscribes (intermediate catch, boundary, receive task, event subprocess start); refused on a
/// message start event of the process, which waits before any variable exists (Camunda 7: "Invalid message name ...
/// expressions in the message start event name are not allowed!").
/// </summary>
internal static class MessageNameRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.StartEvent"/> and <see cref="DiagnosticCodes.InvalidExpression"/> violations of message names.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var node in graph.Process.Nodes.Values)
        {
            if (node is StartEvent { Message.MessageName: var startName } && startName.Contains("${", StringComparison.Ordinal))
            {
                diagnostics.Add(node, DiagnosticCodes.StartEvent,
                    $"Invalid message name '{startName}' of message startEvent '{node.Id}': expressions in the message start event name are not allowed "
                    + "(as Camunda 7); a message start waits before any variable exists, so write the name as fixed text.");
                continue;
            }

            var name = node switch
            {
                IntermediateCatchEvent { Definition: MessageEventDefinition message } => message.MessageName,
                BoundaryEvent { Definition: MessageEventDefinition message } => message.MessageName,
                StartEvent { Trigger: MessageEventDefinition message } => message.MessageName,
                ReceiveTask receive => receive.MessageName,
                _ => null,
            };
            if (name is not null && Expression.Parse(name).Script is { } script && JavaScriptSyntax.ExpressionError(script) is { } error)
            {
                diagnostics.Add(node, DiagnosticCodes.InvalidExpression, $"The message name '{name}' of {node.ElementType} '{node.Id}' is not a valid JavaScript expression: {error}");
            }
        }
    }
}
