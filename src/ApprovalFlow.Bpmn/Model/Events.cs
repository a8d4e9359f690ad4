namespace ApprovalFlow.Bpmn.Model;

/// <summary>A none start event (BPMN 2.0.2 §10.5.2) of a process or embedded subprocess.</summary>
public sealed record StartEvent : FlowNode
{
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
}

/// <summary>An end event (BPMN 2.0.2 §10.5.3): none, terminate or error.</summary>
public sealed record EndEvent : FlowNode
{
    /// <summary>The end event's kind.</summary>
    public EndEventKind Kind { get; init; }

    /// <summary>For <see cref="EndEventKind.Error"/>: the thrown error; otherwise <see langword="null"/>.</summary>
    public ErrorEventDefinition? Error { get; init; }

    /// <inheritdoc />
    public override string ElementType => "endEvent";
}

/// <summary>An intermediate catch event (BPMN 2.0.2 §10.5.4): waits for a timer or a message.</summary>
public sealed record IntermediateCatchEvent : FlowNode
{
    /// <summary>A <see cref="TimerEventDefinition"/> or a <see cref="MessageEventDefinition"/>.</summary>
    public required EventDefinition Definition { get; init; }

    /// <inheritdoc />
    public override string ElementType => "intermediateCatchEvent";
}

/// <summary>A none intermediate throw event (BPMN 2.0.2 §10.5.4): passes the token on.</summary>
public sealed record IntermediateThrowEvent : FlowNode
{
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

    /// <summary>A timer, message or error definition.</summary>
    public required EventDefinition Definition { get; init; }

    /// <inheritdoc />
    public override string ElementType => "boundaryEvent";
}
