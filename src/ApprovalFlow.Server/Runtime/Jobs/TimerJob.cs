using ApprovalFlow.Engine.Commands;

namespace ApprovalFlow.Server.Runtime.Jobs;

/// <summary>
/// Hangfire job that fires BPMN timers; a timer whose token has moved on (cancelled, or fired by an earlier job) is a
/// no-op, so running it twice is harmless. The timer poller enqueues one job for a batch of due timers
/// (<see cref="FireAllAsync"/>), which spreads Hangfire's own work (its transactions to create, fetch and finish a job)
/// over the batch while each timer still fires in its own engine step and transaction.
/// </summary>
public sealed class TimerJob(InstanceRunner runner)
{
    /// <summary>Fires timer <paramref name="timerId"/> of instance <paramref name="instanceId"/>.</summary>
    public Task FireAsync(Guid instanceId, string timerId, CancellationToken cancellationToken) =>
        runner.ExecuteAsync(instanceId, new FireTimer(timerId), cancellationToken);

    /// <summary>
    /// Fires <paramref name="timers"/> one after the other, each in its own engine step. A timer that fails does not stop
    /// the others: they are fired first, then the job fails with every failure, and Hangfire's retry runs it again, when
    /// the timers fired already are no-ops.
    /// </summary>
    /// <exception cref="AggregateException">At least one timer failed (each inner exception is one timer's).</exception>
    public async Task FireAllAsync(DueTimer[] timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        List<Exception>? failures = null;
        foreach (var timer in timers)
        {
            try
            {
                await runner.ExecuteAsync(timer.InstanceId, new FireTimer(timer.TimerId), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"{failures.Count} of {timers.Length} timers failed to fire; the job is retried, the timers fired already are then no-ops.", failures);
        }
    }
}
