namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// One <c>bpmn:process</c> (BPMN 2.0.2 §10.2): every flow node of it and of its embedded
/// subprocesses, indexed by id, plus its sequence flows. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// A process with <c>isExecutable="false"</c> (<see cref="IsExecutable"/>, a model drawn for
/// documentation) was checked for its structure only (ids, sequence flow ends, boundary attachment):
/// it may hold elements the engine does not run, has no start event to rely on, and must not be started.
/// </remarks>
public sealed record ProcessDefinition
{
    /// <summary>The process <c>id</c>: the definition key.</summary>
    public required string Id { get; init; }

    /// <summary>The process <c>name</c>, or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// <see langword="false"/> for <c>isExecutable="false"</c>; <see langword="true"/> when the attribute
    /// is <c>true</c> or absent (as Camunda 7 reads it).
    /// </summary>
    public bool IsExecutable { get; init; } = true;

    /// <summary>Where the process element starts in the file.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>All flow nodes (nested ones too), by id.</summary>
    public required IReadOnlyDictionary<string, FlowNode> Nodes { get; init; }

    /// <summary>All sequence flows (nested ones too), by id.</summary>
    public required IReadOnlyDictionary<string, SequenceFlow> Flows { get; init; }

    /// <summary>Ids of the top-level nodes, in document order.</summary>
    public required IReadOnlyList<string> ChildNodeIds { get; init; }

    /// <summary>
    /// Id of the single top-level none start event; empty in a non-executable process without one, and
    /// in a process started only by its signal, message or timer start events (<see cref="SignalStartEventIds"/>,
    /// <see cref="MessageStartEventIds"/>, <see cref="TimerStartEventIds"/>).
    /// </summary>
    public required string StartEventId { get; init; }

    /// <summary>Ids of the top-level signal start events, in document order; empty when none.</summary>
    public IReadOnlyList<string> SignalStartEventIds { get; init; } = [];

    /// <summary>Ids of the top-level message start events (BPMN 2.0.2 §10.5.2), in document order; empty when none.</summary>
    public IReadOnlyList<string> MessageStartEventIds { get; init; } = [];

    /// <summary>
    /// The process's <c>camunda:taskPriority</c>: the priority of its external tasks that set none themselves
    /// (<see cref="ServiceTask.TaskPriority"/>), an integer or an expression; <see langword="null"/> for 0.
    /// </summary>
    public Expression? TaskPriority { get; init; }

    /// <summary>Ids of the top-level timer start events, in document order; empty when none.</summary>
    public IReadOnlyList<string> TimerStartEventIds { get; init; } = [];

    /// <summary>The node with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such node in this process.</exception>
    public FlowNode Node(string id) => Nodes[id];

    /// <summary>The sequence flow with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such flow in this process.</exception>
    public SequenceFlow Flow(string id) => Flows[id];
}
