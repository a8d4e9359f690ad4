namespace ApprovalFlow.Engine.State;

/// <summary>A scheduled timer (BPMN 2.0.2 §10.5.5) owned by an execution.</summary>
public sealed record PendingTimer
{
    /// <summary>Instance-local timer id, e.g. <c>tm3</c>; a new id for each firing of a cycle.</summary>
    public required string Id { get; init; }

    /// <summary>The execution that owns it: the token at the catch event, the activity's token for a boundary event, or the token at an event-based gateway.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The timer event's node id (catch event or boundary event).</summary>
    public required string NodeId { get; init; }

    /// <summary>When it fires (UTC).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>For a cycle: firings left after this one (<see langword="null"/> = unbounded); 0 for a one-shot timer.</summary>
    public int? RemainingRepetitions { get; init; }

    /// <summary>For a cycle: the ISO 8601 period between firings; otherwise <see langword="null"/>.</summary>
    public string? Interval { get; init; }
}
