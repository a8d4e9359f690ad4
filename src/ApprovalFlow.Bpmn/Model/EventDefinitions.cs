namespace ApprovalFlow.Bpmn.Model;

/// <summary>An event definition (BPMN 2.0.2 §10.5.5) of a catch event or boundary event.</summary>
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
public sealed record ErrorEventDefinition(string? ErrorRef, string? ErrorCode) : EventDefinition;
