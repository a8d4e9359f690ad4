namespace ApprovalFlow.Bpmn.Model;

/// <summary>A BPMN flow element (BPMN 2.0.2 §10.1): a flow node or a sequence flow. Immutable.</summary>
public abstract record FlowElement
{
    /// <summary>The element's <c>id</c> attribute; unique in its file.</summary>
    public required string Id { get; init; }

    /// <summary>The element's <c>name</c> attribute (shown to people), or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Where the element starts in the XML file.</summary>
    public SourcePosition Position { get; init; }
}

/// <summary>
/// A flow node (BPMN 2.0.2 §10.1): an event, activity or gateway. Nodes of a process and of all its
/// embedded subprocesses share one id space; <see cref="ScopeId"/> names the container.
/// </summary>
public abstract record FlowNode : FlowElement
{
    /// <summary>Id of the enclosing container: the process id for top-level nodes, else the subprocess id.</summary>
    public required string ScopeId { get; init; }

    /// <summary>Ids of incoming sequence flows, in document order.</summary>
    public IReadOnlyList<string> Incoming { get; init; } = [];

    /// <summary>Ids of outgoing sequence flows, in document order.</summary>
    public IReadOnlyList<string> Outgoing { get; init; } = [];

    /// <summary>
    /// <c>camunda:properties</c> of the element's extension elements, kept as written, in document order;
    /// the last value wins for a repeated name. Empty when none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties;

    /// <summary>The XML local name of the element (<c>userTask</c>, <c>exclusiveGateway</c>, ...).</summary>
    public abstract string ElementType { get; }

    private static readonly IReadOnlyDictionary<string, string> EmptyProperties =
        new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// An activity (BPMN 2.0.2 §10.3): something done. Activities may carry boundary events and
/// multi-instance loop characteristics.
/// </summary>
public abstract record Activity : FlowNode
{
    /// <summary>Ids of the boundary events attached to this activity, in document order.</summary>
    public IReadOnlyList<string> BoundaryEventIds { get; init; } = [];

    /// <summary>Multi-instance characteristics (BPMN 2.0.2 §10.3.8), or <see langword="null"/>.</summary>
    public MultiInstanceCharacteristics? MultiInstance { get; init; }

    /// <summary>
    /// Id of the default outgoing flow (the <c>default</c> attribute), taken only when no other outgoing
    /// flow's condition holds (BPMN 2.0.2 §13.2.1), or <see langword="null"/>.
    /// </summary>
    public string? DefaultFlow { get; init; }
}

/// <summary>A sequence flow (BPMN 2.0.2 §8.3.13) between two nodes of the same container.</summary>
public sealed record SequenceFlow : FlowElement
{
    /// <summary>Id of the source node.</summary>
    public required string SourceRef { get; init; }

    /// <summary>Id of the target node.</summary>
    public required string TargetRef { get; init; }

    /// <summary>The <c>conditionExpression</c>, or <see langword="null"/> for an unconditional flow (also when it is empty).</summary>
    public Expression? Condition { get; init; }

    /// <summary>
    /// <see langword="true"/> when the file gave the flow no usable id and <see cref="FlowElement.Id"/> is a
    /// generated reference (<c>sequenceFlow from 'A' to 'B'</c>); such a file is never valid.
    /// </summary>
    internal bool IdGenerated { get; init; }

    /// <summary>The flow for messages: <c>sequenceFlow 'F1'</c>, or the generated reference.</summary>
    internal string Describe() => IdGenerated ? Id : $"sequenceFlow '{Id}'";
}
