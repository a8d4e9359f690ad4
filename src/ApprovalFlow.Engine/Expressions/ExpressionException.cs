namespace ApprovalFlow.Engine.Expressions;

/// <summary>An expression or script failed: bad syntax, a runtime error, or a sandbox limit.</summary>
public sealed class ExpressionException : ApprovalFlowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="script">The JavaScript that failed.</param>
    /// <param name="reason">Why it failed.</param>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="innerException">The interpreter's exception, if any.</param>
    public ExpressionException(string script, ExpressionFailure reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Script = script;
        Reason = reason;
    }

    /// <summary>The JavaScript that failed.</summary>
    public string Script { get; }

    /// <summary>Why it failed.</summary>
    public ExpressionFailure Reason { get; }
}

/// <summary>Why an expression failed.</summary>
public enum ExpressionFailure
{
    /// <summary>The source does not parse.</summary>
    Syntax,

    /// <summary>It threw (unknown variable, type error, explicit throw).</summary>
    Runtime,

    /// <summary>It ran longer than the time limit.</summary>
    Timeout,

    /// <summary>It executed more statements than allowed.</summary>
    StatementLimit,

    /// <summary>It allocated more memory than allowed, or recursed too deep.</summary>
    MemoryLimit,

    /// <summary>Its value cannot be represented as JSON (a function, a cycle).</summary>
    NotJson,
}
