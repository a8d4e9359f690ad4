namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// A start event (BPMN 2.0.2 §10.5.2): a none start event of a process or embedded subprocess, a
/// signal start event of a process (a thrown or sent signal of its name starts an instance there), or a
/// message start event of a process (a message of its name that no instance waits for starts one there).
/// </summary>
public sealed record StartEvent : FlowNode
{
    /// <summary>For a signal start event: its signal; <see langword="null"/> for a none start event.</summary>
    public SignalEventDefinition? Signal { get; init; }

    /// <summary>
    /// For the start event of an event subprocess (BPMN 2.0.2 §10.3.5): what triggers it (a message, timer,
    /// error, escalation or signal definition); <see langword="null"/> for every other start event.
    /// </summary>
    public EventDefinition? Trigger { get; init; }

    /// <summary>
    /// For the start event of an event subprocess: <c>isInterrupting</c>, <see langword="true"/> (default)
    /// cancels everything else in the enclosing scope first. Always true for errors.
    /// </summary>
    public bool IsInterrupting { get; init; } = true;

    /// <summary>For a message start event: its message (a fixed name); <see langword="null"/> otherwise.</summary>
    public MessageEventDefinition? Message { get; init; }

    /// <summary>For a timer start event (BPMN 2.0.2 §10.5.2, process level only): its timer; else <see langword="null"/>.</summary>
    public TimerEventDefinition? Timer { get; init; }

    /// <inheritdoc />
    public override string ElementType => "startEvent";
}

/// <summary>How an <see cref="EndEvent"/> ends its path (BPMN 2.0.2 §10.5.3).</summary>
public enum EndEventKind
{
    /// <summary>Consumes the token.</summary>
    None,

    /// <summary>Ends its scope (the process or the enclosing subprocess) at once.</summary>
    Terminate,

    /// <summary>Throws a BPMN error to the nearest enclosing error boundary event.</summary>
    Error,

    /// <summary>Broadcasts a signal (BPMN 2.0.2 §10.5.5), then consumes the token.</summary>
    Signal,

    /// <summary>Throws an escalation to the nearest enclosing escalation boundary event (§10.5.3), then consumes the token.</summary>
    Escalation,
}

/// <summary>An end event (BPMN 2.0.2 §10.5.3): none, terminate, error, signal or escalation.</summary>
public sealed record EndEvent : FlowNode
{
    /// <summary>The end event's kind.</summary>
    public EndEventKind Kind { get; init; }

    /// <summary>For <see cref="EndEventKind.Error"/>: the thrown error; otherwise <see langword="null"/>.</summary>
    public ErrorEventDefinition? Error { get; init; }

    /// <summary>For <see cref="EndEventKind.Signal"/> or <see cref="EndEventKind.Escalation"/>: what it throws; otherwise <see langword="null"/>.</summary>
    public EventDefinition? Throws { get; init; }

    /// <inheritdoc />
    public override string ElementType => "endEvent";
}

/// <summary>An intermediate catch event (BPMN 2.0.2 §10.5.4): waits for a timer, a message, a signal or a condition.</summary>
public sealed record IntermediateCatchEvent : FlowNode
{
    /// <summary>A <see cref="TimerEventDefinition"/>, <see cref="MessageEventDefinition"/>, <see cref="SignalEventDefinition"/> or <see cref="ConditionalEventDefinition"/>.</summary>
    public required EventDefinition Definition { get; init; }

    /// <inheritdoc />
    public override string ElementType => "intermediateCatchEvent";
}

/// <summary>
/// An intermediate throw event (BPMN 2.0.2 §10.5.4): a none event passes the token on; a signal event
/// broadcasts its signal and an escalation event throws its escalation first.
/// </summary>
public sealed record IntermediateThrowEvent : FlowNode
{
    /// <summary>A <see cref="SignalEventDefinition"/> or <see cref="EscalationEventDefinition"/>; <see langword="null"/> for a none event.</summary>
    public EventDefinition? Definition { get; init; }

    /// <inheritdoc />
    public override string ElementType => "intermediateThrowEvent";
}

/// <summary>A boundary event (BPMN 2.0.2 §10.5.4, Table 10.90) attached to an activity.</summary>
public sealed record BoundaryEvent : FlowNode
{
    /// <summary>Id of the activity it is attached to (<c>attachedToRef</c>).</summary>
    public required string AttachedToRef { get; init; }

    /// <summary><c>cancelActivity</c>: <see langword="true"/> (default) interrupts the activity. Always true for errors.</summary>
    public bool CancelActivity { get; init; } = true;

    /// <summary>A timer, message, error, signal, escalation or conditional definition.</summary>
    public required EventDefinition Definition { get; init; }

    /// <inheritdoc />
    public override string ElementType => "boundaryEvent";
}
