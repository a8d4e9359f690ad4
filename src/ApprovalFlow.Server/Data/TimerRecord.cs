namespace ApprovalFlow.Server.Data;

/// <summary>A pending BPMN timer (cancelling it is deleting the row) and, once it is due, the Hangfire job that fires it.</summary>
public sealed class TimerRecord
{
    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The engine's instance-local timer id.</summary>
    public required string TimerId { get; set; }

    /// <summary>The timer event's node.</summary>
    public required string NodeId { get; set; }

    /// <summary>When it fires (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>
    /// When a timer poller claimed the due timer to enqueue its job (UTC), or <see langword="null"/> while no poller has;
    /// a claim older than <see cref="Runtime.RuntimeOptions.TimerReclaimAfter"/> without <see cref="HangfireJobId"/> was
    /// left by a node that died and is claimed again.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>
    /// The Hangfire job that fires the timer (a <c>TimerJob</c> that may fire other due timers too), written by the timer
    /// poller once the timer was due and its job enqueued, or <see langword="null"/> while it is pending.
    /// </summary>
    public string? HangfireJobId { get; set; }
}
