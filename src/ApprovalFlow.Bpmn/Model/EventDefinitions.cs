namespace ApprovalFlow.Bpmn.Model;

/// <summary>An event definition (BPMN 2.0.2 §10.5.5) of a catch, throw, start, end or boundary event.</summary>
public abstract record EventDefinition;

/// <summary>
/// <c>timerEventDefinition</c> (BPMN 2.0.2 §10.5.5, Table 10.104). The value is ISO 8601 text or a
/// <c>${...}</c> expression that evaluates to such text (or, for a date, a JavaScript <c>Date</c>).
/// </summary>
/// <param name="Kind">Which of <c>timeDate</c>, <c>timeDuration</c>, <c>timeCycle</c> was given.</param>
/// <param name="Value">The element's text.</param>
public sealed record TimerEventDefinition(TimerKind Kind, Expression Value) : EventDefinition;

/// <summary>Which timer element a <see cref="TimerEventDefinition"/> uses.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: an ISO 8601 instant; without an offset it is read in the configured zone.</summary>
    Date,

    /// <summary><c>timeDuration</c>: an ISO 8601 duration from the moment the timer starts.</summary>
    Duration,

    /// <summary><c>timeCycle</c>: <c>R[n]/duration</c> or <c>R[n]/start/duration</c>.</summary>
    Cycle,
}

/// <summary><c>messageEventDefinition</c>: waits for the message named <see cref="MessageName"/>.</summary>
/// <param name="MessageRef">Id of the <c>bpmn:message</c> element.</param>
/// <param name="MessageName">The message's <c>name</c>, used for correlation.</param>
public sealed record MessageEventDefinition(string MessageRef, string MessageName) : EventDefinition;

/// <summary>
/// <c>errorEventDefinition</c>. On a boundary event, <see cref="ErrorCode"/> <see langword="null"/>
/// catches every error (BPMN 2.0.2 §10.5.5).
/// </summary>
/// <param name="ErrorRef">Id of the <c>bpmn:error</c> element, or <see langword="null"/>.</param>
/// <param name="ErrorCode">The error's <c>errorCode</c>, or <see langword="null"/>.</param>
/// <param name="CodeVariable">
/// On a catching event (error boundary event, error start of an event subprocess): <c>camunda:errorCodeVariable</c>,
/// the variable that receives the caught error's code (Camunda 7); otherwise <see langword="null"/>.
/// </param>
/// <param name="MessageVariable">
/// On a catching event: <c>camunda:errorMessageVariable</c>, the variable that receives the caught error's message
/// (<see langword="null"/> when the thrower gave none); otherwise <see langword="null"/>.
/// </param>
public sealed record ErrorEventDefinition(string? ErrorRef, string? ErrorCode, string? CodeVariable = null, string? MessageVariable = null) : EventDefinition
{
    /// <summary>
    /// On an error end event: the <c>camunda:errorMessage</c> of the referenced <c>bpmn:error</c> (Camunda 7), the
    /// message a catching event's <see cref="MessageVariable"/> receives; <see langword="null"/> when not given.
    /// </summary>
    public string? ErrorMessage { get; init; }
}

/// <summary>
/// <c>signalEventDefinition</c> (BPMN 2.0.2 §10.5.5, Table 10.99): a broadcast to every instance waiting
/// for the signal's name, as Camunda 7 delivers it (global, not correlated).
/// </summary>
/// <param name="SignalRef">Id of the <c>bpmn:signal</c> element.</param>
/// <param name="SignalName">The signal's <c>name</c>: a literal or a <c>${...}</c> expression evaluated when the event subscribes or throws.</param>
public sealed record SignalEventDefinition(string SignalRef, Expression SignalName) : EventDefinition
{
    /// <summary>
    /// On a throw event: <c>camunda:in</c> mappings of the variables the signal carries (Camunda 7
    /// <c>signalEventDefinition</c> extension); empty carries none.
    /// </summary>
    public IReadOnlyList<VariableMapping> In { get; init; } = [];
}

/// <summary>
/// <c>escalationEventDefinition</c> (BPMN 2.0.2 §10.5.5, Table 10.96). On a boundary event,
/// <see cref="EscalationCode"/> <see langword="null"/> catches every escalation.
/// </summary>
/// <param name="EscalationRef">Id of the <c>bpmn:escalation</c> element, or <see langword="null"/> (catch events only).</param>
/// <param name="EscalationCode">The escalation's <c>escalationCode</c>, or <see langword="null"/>.</param>
/// <param name="CodeVariable">
/// On a boundary event: <c>camunda:escalationCodeVariable</c>, the variable that receives the caught
/// escalation's code; otherwise <see langword="null"/>.
/// </param>
public sealed record EscalationEventDefinition(string? EscalationRef, string? EscalationCode, string? CodeVariable = null) : EventDefinition;
