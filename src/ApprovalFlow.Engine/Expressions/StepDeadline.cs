using System.Diagnostics;
using Jint;

namespace ApprovalFlow.Engine.Expressions;

/// <summary>
/// The time limit of a pooled realm (<see cref="ExpressionLimits.Timeout"/>): like Jint's own timeout, a
/// deadline set when the engine resets its constraints, but only once <see cref="Armed"/>, so making and
/// locking the realm (which runs a few scripts of its own) never counts against an evaluation or fails
/// on a busy machine. Exceeding it throws <see cref="TimeoutException"/>. Not thread-safe, as its realm.
/// </summary>
internal sealed class StepDeadline(TimeSpan timeout) : Constraint
{
    private long _deadline;

    /// <summary>Whether <see cref="Reset"/> starts a deadline; until then <see cref="Check"/> never fails.</summary>
    public bool Armed { get; set; }

    /// <summary>A clock is only observed, so checking every few statements only delays detection a little.</summary>
    public override bool IsAmortizable => true;

    /// <inheritdoc />
    public override void Check()
    {
        if (_deadline != 0 && Stopwatch.GetTimestamp() >= _deadline)
        {
            throw new TimeoutException($"The script ran longer than {timeout.TotalMilliseconds} ms.");
        }
    }

    /// <inheritdoc />
    public override void Reset() =>
        _deadline = Armed ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : 0;
}
