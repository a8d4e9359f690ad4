namespace ApprovalFlow.Bpmn.Model;

/// <summary>
/// <c>multiInstanceLoopCharacteristics</c> (BPMN 2.0.2 §10.3.8) with the Camunda 7 collection
/// extension. Exactly one of <see cref="LoopCardinality"/> and <see cref="Collection"/> is set
/// (the validator rejects neither or both).
/// </summary>
public sealed record MultiInstanceCharacteristics
{
    /// <summary><see langword="true"/> for <c>isSequential="true"</c>: one instance at a time.</summary>
    public bool IsSequential { get; init; }

    /// <summary><c>loopCardinality</c>: evaluates to the number of instances.</summary>
    public Expression? LoopCardinality { get; init; }

    /// <summary>
    /// <c>camunda:collection</c>: a variable name (<c>themes</c>) or an expression (<c>${themes}</c>)
    /// that evaluates to a JSON array; one instance per item.
    /// </summary>
    public Expression? Collection { get; init; }

    /// <summary><c>camunda:elementVariable</c>: local variable holding the item of each instance, or <see langword="null"/>.</summary>
    public string? ElementVariable { get; init; }

    /// <summary><c>completionCondition</c>: when it evaluates to <see langword="true"/> after an instance completes, the remaining instances are cancelled.</summary>
    public Expression? CompletionCondition { get; init; }
}
