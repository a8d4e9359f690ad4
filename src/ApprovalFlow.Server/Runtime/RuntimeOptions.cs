namespace ApprovalFlow.Server.Runtime;

/// <summary>Engine and dispatch settings (section <c>Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Runtime";

    /// <summary>Dispatch the outbox to Hangfire in this process; default <see langword="true"/>.</summary>
    public bool DispatchOutbox { get; set; } = true;

    /// <summary>How often the dispatcher looks for rows committed by other processes; default 2 s.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Run a Hangfire server (workers) in this process; default <see langword="true"/>.</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Hangfire workers in this process; default 10.</summary>
    public int WorkerCount { get; set; } = 10;
}
