using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Reads start, end, intermediate and boundary events (BPMN 2.0.2 §10.5). Returns <see langword="null"/>
/// after reporting when the event is outside the supported subset.
/// </summary>
internal static class EventReader
{
    /// <summary>
    /// Data inputs and outputs of throw and catch events (BPMN 2.0.2 §10.5.1, <c>tThrowEvent</c> and
    /// <c>tCatchEvent</c>): accepted and ignored, like the data elements of activities.
    /// </summary>
    private static readonly string[] DataElements =
        ["dataInput", "dataOutput", "dataInputAssociation", "dataOutputAssociation", "inputSet", "outputSet"];

    /// <summary>Reads the event described by <paramref name="header"/>.</summary>
    public static FlowNode? Read(NodeHeader header, ReadContext context)
    {
        var element = header.Element;
        var definitions = EventDefinitionReader.Of(element);
        ChildElements.Check(element, context, [.. definitions.Select(d => d.Name.LocalName), "eventDefinitionRef", .. DataElements]);
        return element.Name.LocalName switch
        {
            "startEvent" => Start(header, definitions, context),
            "endEvent" => End(header, definitions, context),
            "intermediateCatchEvent" => Catch(header, definitions, context),
            "intermediateThrowEvent" => Throw(header, definitions, context),
            _ => Boundary(header, definitions, context),
        };
    }

    private static StartEvent? Start(NodeHeader header, List<XElement> definitions, ReadContext context)
    {
        if (definitions is [{ Name.LocalName: "signalEventDefinition" } signal])
        {
            return EventDefinitionReader.Signal(header.Element, signal, context) is { } definition
                ? header.Apply(new StartEvent { Id = header.Id, ScopeId = header.ScopeId, Signal = definition })
                : null;
        }

        if (definitions is [{ Name.LocalName: "messageEventDefinition" } message])
        {
            return MessageStartReader.Read(header, message, context);
        }

        if (definitions is [{ Name.LocalName: "timerEventDefinition" } timer])
        {
            return EventDefinitionReader.Read(header.Element, timer, context, boundary: false) is TimerEventDefinition definition
                ? header.Apply(new StartEvent { Id = header.Id, ScopeId = header.ScopeId, Timer = definition })
                : null;
        }

        foreach (var definition in definitions)
        {
            var name = definition.Name.LocalName;
            var reason = name is "timerEventDefinition" or "messageEventDefinition" or "errorEventDefinition" or "escalationEventDefinition" or "signalEventDefinition"
                ? $"only none, message, signal and timer start events are supported (one definition each); a {name.Replace("EventDefinition", string.Empty, StringComparison.Ordinal)} start event would start instances by itself, and instances are started through the API, by messages, by signals or by timers"
                : UnsupportedElements.BpmnReason(name);
            context.Reject(header.Element, name, reason);
        }

        return definitions.Count == 0 ? header.Apply(new StartEvent { Id = header.Id, ScopeId = header.ScopeId }) : null;
    }

    private static EndEvent? End(NodeHeader header, List<XElement> definitions, ReadContext context)
    {
        if (definitions.Count > 1)
        {
            context.Diagnostics.Add(header.Element, DiagnosticCodes.InvalidEventDefinition, $"{BpmnXml.Describe(header.Element)} has several event definitions; at most one is supported.");
            return null;
        }

        var end = new EndEvent { Id = header.Id, ScopeId = header.ScopeId };
        switch (definitions.FirstOrDefault()?.Name.LocalName)
        {
            case null:
                return header.Apply(end);
            case "terminateEventDefinition":
                return header.Apply(end with { Kind = EndEventKind.Terminate });
            case "errorEventDefinition":
                return EventDefinitionReader.Error(header.Element, definitions[0], context) is { } error
                    ? header.Apply(end with { Kind = EndEventKind.Error, Error = error })
                    : null;
            case "signalEventDefinition":
                return EventDefinitionReader.Signal(header.Element, definitions[0], context) is { } signal
                    ? header.Apply(end with { Kind = EndEventKind.Signal, Throws = signal })
                    : null;
            case "escalationEventDefinition":
                return EventDefinitionReader.Escalation(header.Element, definitions[0], context, throws: true) is { } escalation
                    ? header.Apply(end with { Kind = EndEventKind.Escalation, Throws = escalation })
                    : null;
            case var other:
                context.Reject(header.Element, other, UnsupportedElements.BpmnReason(other));
                return null;
        }
    }

    private static IntermediateCatchEvent? Catch(NodeHeader header, List<XElement> definitions, ReadContext context)
    {
        if (definitions.Count != 1)
        {
            context.Diagnostics.Add(header.Element, DiagnosticCodes.InvalidEventDefinition,
                $"{BpmnXml.Describe(header.Element)} must have exactly one timer, message or signal event definition; it has {definitions.Count}.");
            return null;
        }

        return EventDefinitionReader.Read(header.Element, definitions[0], context, boundary: false) is { } definition
            ? header.Apply(new IntermediateCatchEvent { Id = header.Id, ScopeId = header.ScopeId, Definition = definition })
            : null;
    }

    private static IntermediateThrowEvent? Throw(NodeHeader header, List<XElement> definitions, ReadContext context)
    {
        var node = new IntermediateThrowEvent { Id = header.Id, ScopeId = header.ScopeId };
        switch (definitions)
        {
            case []:
                return header.Apply(node);
            case [{ Name.LocalName: "signalEventDefinition" } signal]:
                return EventDefinitionReader.Signal(header.Element, signal, context) is { } thrownSignal ? header.Apply(node with { Definition = thrownSignal }) : null;
            case [{ Name.LocalName: "escalationEventDefinition" } escalation]:
                return EventDefinitionReader.Escalation(header.Element, escalation, context, throws: true) is { } thrown ? header.Apply(node with { Definition = thrown }) : null;
        }

        foreach (var definition in definitions)
        {
            var name = definition.Name.LocalName;
            context.Reject(header.Element, name, name switch
            {
                "messageEventDefinition" => "intermediate message throw events are not supported; send messages with an external send task",
                "signalEventDefinition" or "escalationEventDefinition" => "an intermediate throw event may have one event definition only",
                _ => UnsupportedElements.BpmnReason(name),
            });
        }

        return null;
    }

    private static BoundaryEvent? Boundary(NodeHeader header, List<XElement> definitions, ReadContext context)
    {
        if (definitions.Count != 1)
        {
            context.Diagnostics.Add(header.Element, DiagnosticCodes.InvalidEventDefinition,
                $"{BpmnXml.Describe(header.Element)} must have exactly one timer, message, error, signal or escalation event definition; it has {definitions.Count}.");
            return null;
        }

        var definition = EventDefinitionReader.Read(header.Element, definitions[0], context, boundary: true);
        if (definition is null)
        {
            return null;
        }

        return header.Apply(new BoundaryEvent
        {
            Id = header.Id,
            ScopeId = header.ScopeId,
            AttachedToRef = context.QNameRef(header.Element, "attachedToRef") ?? string.Empty,
            CancelActivity = BpmnXml.Attr(header.Element, "cancelActivity") is not ("false" or "0"),
            Definition = definition,
        });
    }
}
