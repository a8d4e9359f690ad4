using System.Threading.Channels;

namespace ApprovalFlow.Server.Runtime.Timers;

/// <summary>
/// Wakes this node's <see cref="TimerPoller"/> early when a committed timer falls due before the poller's
/// planned wake-up. Thread-safe singleton.
/// </summary>
public sealed class TimerSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The poller's planned wake-up (UTC ticks); <see cref="long.MaxValue"/> while it is not asleep, so every timer wakes it.</summary>
    private long _wakeAt = long.MaxValue;

    /// <summary>Signals that a timer due at <paramref name="dueAt"/> (UTC) was committed.</summary>
    public void Notify(DateTimeOffset dueAt)
    {
        if (dueAt.UtcTicks < Interlocked.Read(ref _wakeAt))
        {
            _channel.Writer.TryWrite(true);
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="until"/> (UTC, on <paramref name="time"/>), or until a timer due earlier
    /// is committed on this node; returns at once when one was committed since the previous wait.
    /// </summary>
    public async Task WaitAsync(DateTimeOffset until, TimeProvider time, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _wakeAt, until.UtcTicks);
        try
        {
            var delay = until - time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(delay, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _channel.Reader.ReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The wake-up time came without an earlier timer.
            }
        }
        finally
        {
            Interlocked.Exchange(ref _wakeAt, long.MaxValue);
        }
    }
}
