namespace ApprovalFlow.Engine.Migration;

/// <summary>Why a node mapping cannot be built.</summary>
public enum InvalidMappingReason
{
    /// <summary>The two versions belong to different definition keys.</summary>
    OtherDefinition,

    /// <summary>An override maps a node the source version does not have.</summary>
    UnknownSourceNode,

    /// <summary>An override maps to a node the target version does not have.</summary>
    UnknownTargetNode,
}

/// <summary>A migration's node mapping cannot be built: other keys, or a node id that does not exist.</summary>
public sealed class InvalidMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the mapping cannot be built.</param>
    /// <param name="sourceNodeId">The source node id of the override at fault, or <see langword="null"/>.</param>
    /// <param name="targetNodeId">The target node id of the override at fault, or <see langword="null"/>.</param>
    /// <param name="message">What is wrong, naming the node (English).</param>
    public InvalidMappingException(InvalidMappingReason reason, string? sourceNodeId, string? targetNodeId, string message)
        : base(message)
    {
        Reason = reason;
        SourceNodeId = sourceNodeId;
        TargetNodeId = targetNodeId;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the node.</param>
    public InvalidMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidMappingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the mapping cannot be built (<see cref="InvalidMappingReason.OtherDefinition"/> when not given).</summary>
    public InvalidMappingReason Reason { get; }

    /// <summary>The source node id of the override at fault, or <see langword="null"/>.</summary>
    public string? SourceNodeId { get; }

    /// <summary>The target node id of the override at fault, or <see langword="null"/>.</summary>
    public string? TargetNodeId { get; }
}
