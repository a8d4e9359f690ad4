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

    /// <summary>The Hangfire job the timer poller enqueued once the timer was due, or <see langword="null"/> while it is pending.</summary>
    public string? HangfireJobId { get; set; }
}
