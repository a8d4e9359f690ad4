namespace ApprovalFlow.Bpmn.Model;

/// <summary>A gateway (BPMN 2.0.2 §10.6).</summary>
public abstract record Gateway : FlowNode;

/// <summary>An exclusive gateway (BPMN 2.0.2 §10.6.2): the first outgoing flow whose condition holds, else the default.</summary>
public sealed record ExclusiveGateway : Gateway
{
    /// <summary>Id of the default outgoing flow, or <see langword="null"/>.</summary>
    public string? DefaultFlow { get; init; }

    /// <inheritdoc />
    public override string ElementType => "exclusiveGateway";
}

/// <summary>A parallel gateway (BPMN 2.0.2 §10.6.4): forks on all outgoing flows, joins one token per incoming flow.</summary>
public sealed record ParallelGateway : Gateway
{
    /// <inheritdoc />
    public override string ElementType => "parallelGateway";
}

/// <summary>
/// An inclusive gateway (BPMN 2.0.2 §10.6.3): forks on every flow whose condition holds (else the
/// default); joins when no other token of its scope can still reach it.
/// </summary>
public sealed record InclusiveGateway : Gateway
{
    /// <summary>Id of the default outgoing flow, or <see langword="null"/>.</summary>
    public string? DefaultFlow { get; init; }

    /// <inheritdoc />
    public override string ElementType => "inclusiveGateway";
}

/// <summary>An event-based gateway (BPMN 2.0.2 §10.6.6): the first of the following catch events to occur wins.</summary>
public sealed record EventBasedGateway : Gateway
{
    /// <inheritdoc />
    public override string ElementType => "eventBasedGateway";
}
