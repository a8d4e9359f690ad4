using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Stands in for a flow node that was rejected while reading, so that flows to and from it still
/// resolve and the validator reports only independent errors. Never part of a valid document.
/// </summary>
internal sealed record RejectedNode : FlowNode
{
    /// <summary>The rejected element's local name.</summary>
    public required string Kind { get; init; }

    /// <inheritdoc />
    public override string ElementType => Kind;
}
