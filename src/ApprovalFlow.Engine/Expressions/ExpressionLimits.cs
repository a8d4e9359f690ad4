namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// Sandbox limits applied to every single evaluation by <see cref="JintExpressionEvaluator"/>.
/// A script that exceeds one fails with an <see cref="ExpressionException"/> whose
/// <see cref="ExpressionException.Reason"/> names the limit.
/// </summary>
public sealed record ExpressionLimits
{
    /// <summary>The defaults: 500 ms, 100 000 statements, 16 MiB, recursion depth 64.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>
    /// Wall-clock time one evaluation may run; exceeding it fails with
    /// <see cref="ExpressionFailure.Timeout"/>. Default 500 ms; must be positive.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Statements one evaluation may execute; exceeding it fails with
    /// <see cref="ExpressionFailure.StatementLimit"/>. Default 100 000; must be positive.
    /// </summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>
    /// Bytes one evaluation may allocate (measured per thread by the interpreter); exceeding it fails
    /// with <see cref="ExpressionFailure.MemoryLimit"/>. Default 16 MiB (16 777 216 bytes); must be positive.
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// Maximum depth of nested JavaScript function calls; exceeding it fails with
    /// <see cref="ExpressionFailure.MemoryLimit"/>. Default 64; must be positive.
    /// </summary>
    public int MaxRecursionDepth { get; init; } = 64;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxStatements, 0, nameof(MaxStatements));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MemoryLimitBytes, 0, nameof(MemoryLimitBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxRecursionDepth, 0, nameof(MaxRecursionDepth));
    }
}
