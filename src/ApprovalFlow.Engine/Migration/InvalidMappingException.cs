namespace ApprovalFlow.Engine.Migration;

/// <summary>A migration's node mapping cannot be built: other keys, or a node id that does not exist.</summary>
public sealed class InvalidMappingException : Exception
{
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
}
