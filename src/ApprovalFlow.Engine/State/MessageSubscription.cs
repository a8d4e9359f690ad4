namespace ApprovalFlow.Engine.State;

/// <summary>An execution waiting for a message (catch event, receive task, boundary or event-based gateway target).</summary>
public sealed record MessageSubscription
{
    /// <summary>Instance-local id, e.g. <c>s2</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The waiting execution.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The message event's or receive task's node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The <c>bpmn:message</c> name correlated against.</summary>
    public required string MessageName { get; init; }
}
