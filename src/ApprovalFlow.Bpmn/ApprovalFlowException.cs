namespace ApprovalFlow;

/// <summary>
/// Base of every exception ApprovalFlow throws on purpose (style.md #7): invalid input or a broken
/// invariant. Expected outcomes (a late timer, a task already completed) are results, not exceptions.
/// </summary>
public abstract class ApprovalFlowException : Exception
{
    /// <summary>Creates the exception with a message for people.</summary>
    protected ApprovalFlowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    protected ApprovalFlowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
