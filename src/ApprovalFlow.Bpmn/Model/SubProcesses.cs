namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// An embedded subprocess (BPMN 2.0.2 §10.3.5): a scope whose child nodes have
/// <see cref="FlowNode.ScopeId"/> equal to this id. Starts at its single none start event; an event
/// subprocess (<see cref="TriggeredByEvent"/>) at its single start event when that start's
/// <see cref="StartEvent.Trigger"/> occurs in the enclosing scope.
/// </summary>
public sealed record SubProcess : Activity
{
    /// <summary>Ids of the nodes directly inside, in document order.</summary>
    public IReadOnlyList<string> ChildNodeIds { get; init; } = [];

    /// <summary>Id of the none start event inside (of the triggered start event for an event subprocess).</summary>
    public required string StartEventId { get; init; }

    /// <summary>
    /// <c>triggeredByEvent="true"</c>: an event subprocess (BPMN 2.0.2 §10.3.5), with no sequence flows, started
    /// by the event of its start event while its enclosing process or subprocess runs.
    /// </summary>
    public bool TriggeredByEvent { get; init; }

    /// <inheritdoc />
    public override string ElementType => "subProcess";
}

/// <summary>How a call activity picks the version of the called process (<c>camunda:calledElementBinding</c>).</summary>
public enum CalledElementBinding
{
    /// <summary>The latest deployed version (default).</summary>
    Latest,

    /// <summary>The version in <c>camunda:calledElementVersion</c>.</summary>
    Version,
}

/// <summary>
/// A call activity (BPMN 2.0.2 §10.3.6): starts a child instance of another process definition and
/// waits for it to complete.
/// </summary>
public sealed record CallActivity : Activity
{
    /// <summary><c>calledElement</c>: the called process id (key), literal or expression.</summary>
    public required Expression CalledElement { get; init; }

    /// <summary>Which version is called.</summary>
    public CalledElementBinding Binding { get; init; }

    /// <summary><c>camunda:calledElementVersion</c> when <see cref="Binding"/> is <see cref="CalledElementBinding.Version"/>.</summary>
    public int? Version { get; init; }

    /// <summary><c>camunda:in</c> mappings: parent variables into the child at start.</summary>
    public IReadOnlyList<VariableMapping> In { get; init; } = [];

    /// <summary><c>camunda:out</c> mappings: child variables into the parent at completion.</summary>
    public IReadOnlyList<VariableMapping> Out { get; init; } = [];

    /// <summary><c>camunda:in businessKey="..."</c>: the child's business key, or <see langword="null"/> for none.</summary>
    public Expression? BusinessKey { get; init; }

    /// <inheritdoc />
    public override string ElementType => "callActivity";
}

/// <summary>
/// One <c>camunda:in</c> / <c>camunda:out</c> mapping: either all variables
/// (<c>variables="all"</c>), or one value from <see cref="Source"/> (a variable name) or
/// <see cref="SourceExpression"/> into <see cref="Target"/>.
/// </summary>
public sealed record VariableMapping
{
    /// <summary><see langword="true"/> for <c>variables="all"</c>.</summary>
    public bool All { get; init; }

    /// <summary><c>source</c>: the variable copied, or <see langword="null"/>.</summary>
    public string? Source { get; init; }

    /// <summary><c>sourceExpression</c>: an expression evaluated in the source scope, or <see langword="null"/>.</summary>
    public Expression? SourceExpression { get; init; }

    /// <summary><c>target</c>: the variable written; <see langword="null"/> only when <see cref="All"/>.</summary>
    public string? Target { get; init; }
}
