namespace ApprovalFlow.Server.Data;

/// <summary>A pending BPMN timer and the Hangfire job that fires it, so cancelling is one delete.</summary>
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

    /// <summary>The scheduled Hangfire job, or <see langword="null"/> until dispatched.</summary>
    public string? HangfireJobId { get; set; }
}
