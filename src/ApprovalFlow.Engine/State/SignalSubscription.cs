namespace ApprovalFlow.Engine.State;

/// <summary>
/// An execution waiting for a signal (BPMN 2.0.2 §10.5.5): a signal catch event, a signal boundary event
/// or a signal catch event after an event-based gateway. A non-interrupting boundary event keeps its
/// subscription after each delivery.
/// </summary>
public sealed record SignalSubscription
{
    /// <summary>Instance-local id, e.g. <c>s2</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The waiting execution (the activity's token for a boundary event).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The signal event's node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The signal name waited for, with any <c>${...}</c> of the definition evaluated when the subscription was made.</summary>
    public required string SignalName { get; init; }
}
