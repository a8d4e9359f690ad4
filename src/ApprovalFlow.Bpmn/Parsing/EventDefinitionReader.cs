using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>Reads timer, message, error, signal, escalation and conditional event definitions (BPMN 2.0.2 §10.5.5).</summary>
internal static class EventDefinitionReader
{
    private static readonly (string Element, TimerKind Kind)[] TimerElements =
    [
        ("timeDate", TimerKind.Date),
        ("timeDuration", TimerKind.Duration),
        ("timeCycle", TimerKind.Cycle),
    ];

    /// <summary>The event definitions (<c>*EventDefinition</c> children) of <paramref name="evt"/>.</summary>
    public static List<XElement> Of(XElement evt) =>
        [.. BpmnXml.ModelChildren(evt).Where(e => e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))];

    /// <summary>Reads a supported definition; reports and returns <see langword="null"/> otherwise.</summary>
    /// <param name="owner">The event.</param>
    /// <param name="definition">Its event definition element.</param>
    /// <param name="context">The read context.</param>
    /// <param name="boundary">Whether the event is a boundary event (error and escalation definitions are allowed there).</param>
    public static EventDefinition? Read(XElement owner, XElement definition, ReadContext context, bool boundary)
    {
        switch (definition.Name.LocalName)
        {
            case "timerEventDefinition":
                return Timer(owner, definition, context);
            case "messageEventDefinition":
                return Message(owner, definition, context);
            case "signalEventDefinition":
                return Signal(owner, definition, context);
            case "conditionalEventDefinition":
                return ConditionalEventReader.Read(owner, definition, context);
            case "errorEventDefinition" when boundary:
                return Error(owner, definition, context);
            case "escalationEventDefinition" when boundary:
                return Escalation(owner, definition, context, throws: false);
            default:
                context.Reject(owner, definition.Name.LocalName, UnsupportedElements.BpmnReason(definition.Name.LocalName));
                return null;
        }
    }

    /// <summary>
    /// Reads <c>errorEventDefinition</c>; its <c>errorRef</c> is optional but must resolve when given. Reads
    /// <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c> (used where the event catches) and the
    /// error's <c>camunda:errorMessage</c> (used where it throws).
    /// </summary>
    public static ErrorEventDefinition? Error(XElement owner, XElement definition, ReadContext context)
    {
        var errorRef = context.QNameRef(definition, "errorRef");
        var codeVariable = BpmnXml.CamundaAttr(definition, "errorCodeVariable");
        var messageVariable = BpmnXml.CamundaAttr(definition, "errorMessageVariable");
        if (errorRef is null)
        {
            return new ErrorEventDefinition(null, null, codeVariable, messageVariable);
        }

        if (!context.Errors.TryGetValue(errorRef, out var code))
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.UnknownError, $"{BpmnXml.Describe(owner)} refers to error '{errorRef}', which is not declared.");
            return null;
        }

        return new ErrorEventDefinition(errorRef, code, codeVariable, messageVariable) { ErrorMessage = context.ErrorMessages.GetValueOrDefault(errorRef) };
    }

    /// <summary>
    /// Reads <c>signalEventDefinition</c>: its <c>signalRef</c> must name a declared signal with a name
    /// (<see cref="DiagnosticCodes.UnknownSignal"/>); <c>camunda:in</c> mappings give a throw's variables.
    /// </summary>
    public static SignalEventDefinition? Signal(XElement owner, XElement definition, ReadContext context)
    {
        var signalRef = context.QNameRef(definition, "signalRef");
        if (signalRef is null || !context.Signals.TryGetValue(signalRef, out var name))
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.UnknownSignal, signalRef is null
                ? $"{BpmnXml.Describe(owner)} has a signalEventDefinition without signalRef."
                : $"{BpmnXml.Describe(owner)} refers to signal '{signalRef}', which is not declared with a name.");
            return null;
        }

        var mappings = ExtensionReader.CamundaElements(definition, "in").Select(e => CallActivityReader.Mapping(owner, e, context)).ToList();
        return new SignalEventDefinition(signalRef, Expression.Parse(name)) { In = mappings };
    }

    /// <summary>
    /// Reads <c>escalationEventDefinition</c>. A throw needs an <c>escalationRef</c>; a catch without one
    /// catches every escalation. A given reference must name a declared escalation (<see cref="DiagnosticCodes.UnknownEscalation"/>).
    /// </summary>
    public static EscalationEventDefinition? Escalation(XElement owner, XElement definition, ReadContext context, bool throws)
    {
        var escalationRef = context.QNameRef(definition, "escalationRef");
        var codeVariable = throws ? null : BpmnXml.CamundaAttr(definition, "escalationCodeVariable");
        if (escalationRef is null && !throws)
        {
            return new EscalationEventDefinition(null, null, codeVariable);
        }

        if (escalationRef is null || !context.Escalations.TryGetValue(escalationRef, out var code))
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.UnknownEscalation, escalationRef is null
                ? $"{BpmnXml.Describe(owner)} throws an escalation without escalationRef."
                : $"{BpmnXml.Describe(owner)} refers to escalation '{escalationRef}', which is not declared.");
            return null;
        }

        return new EscalationEventDefinition(escalationRef, code, codeVariable);
    }

    private static TimerEventDefinition? Timer(XElement owner, XElement definition, ReadContext context)
    {
        var given = TimerElements
            .Select(t => (t.Kind, Element: definition.Element(BpmnXml.Model + t.Element)))
            .Where(t => t.Element is not null)
            .ToList();
        if (given.Count != 1)
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.InvalidTimer,
                $"The timer of {BpmnXml.Describe(owner)} must have exactly one of timeDate, timeDuration and timeCycle; it has {given.Count}.");
            return null;
        }

        var text = given[0].Element!.Value.Trim();
        if (text.Length == 0)
        {
            context.Diagnostics.Add(owner, DiagnosticCodes.InvalidTimer, $"The timer of {BpmnXml.Describe(owner)} is empty.");
            return null;
        }

        return new TimerEventDefinition(given[0].Kind, Expression.Parse(text));
    }

    private static MessageEventDefinition? Message(XElement owner, XElement definition, ReadContext context)
    {
        var messageRef = context.QNameRef(definition, "messageRef");
        return MessageName(owner, messageRef, context) is { } name ? new MessageEventDefinition(messageRef!, name) : null;
    }

    /// <summary>The name of the message <paramref name="messageRef"/>; reports <see cref="DiagnosticCodes.UnknownMessage"/> when it does not resolve.</summary>
    public static string? MessageName(XElement owner, string? messageRef, ReadContext context)
    {
        if (messageRef is not null && context.Messages.TryGetValue(messageRef, out var name))
        {
            return name;
        }

        context.Diagnostics.Add(owner, DiagnosticCodes.UnknownMessage, messageRef is null
            ? $"{BpmnXml.Describe(owner)} has no messageRef."
            : $"{BpmnXml.Describe(owner)} refers to message '{messageRef}', which is not declared with a name.");
        return null;
    }
}
