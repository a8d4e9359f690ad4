namespace ApprovalFlow.Engine.State;

/// <summary>
/// An execution waiting for the condition of a conditional event (BPMN 2.0.2 §10.5.5): an intermediate
/// conditional catch event, a conditional boundary event, or a conditional catch event after an
/// event-based gateway. The engine evaluates it again within the step that changes a variable visible
/// to it (Camunda 7's conditional event subscription); the host does nothing with it. A
/// non-interrupting boundary event keeps its subscription each time it fires.
/// </summary>
public sealed record ConditionalSubscription
{
    /// <summary>Instance-local id, e.g. <c>c7</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The waiting execution (the activity's token for a boundary event).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The conditional event's node id.</summary>
    public required string NodeId { get; init; }
}
