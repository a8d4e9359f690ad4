namespace ApprovalFlow.Server.Runtime;

/// <summary>Engine and dispatch settings (section <c>Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Runtime";

    /// <summary>Dispatch the outbox and hand due timers to Hangfire in this process; default <see langword="true"/>.</summary>
    public bool DispatchOutbox { get; set; } = true;

    /// <summary>How often the dispatcher looks for rows committed by other processes; default 2 s.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest sleep of the timer poller (<c>Timers.TimerPoller</c>) between looks at the timers table, which is how
    /// late at most a timer committed by another node is noticed (this node's own timers wake it at once); default 1 s.
    /// </summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How late a timer handed to Hangfire may be, its job no longer enqueued, scheduled, awaiting or processing
    /// (deleted from the dashboard, failed after its retries, expired), before the timer poller claims it again and
    /// enqueues a new job; default 1 minute. Looked for every 10 s. A job fetched by a node that died is not
    /// lost: Hangfire fetches it again after its invisibility timeout (2 minutes, <c>RuntimeModule</c>). Also the lease of
    /// a poller's claim of a due timer: a claim this old without a recorded job (its node died between claiming and
    /// recording the job id) is claimed again by any poller.
    /// </summary>
    public TimeSpan TimerReclaimAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Run a Hangfire server (workers) in this process; default <see langword="true"/>.</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Hangfire workers in this process; default 10.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>
    /// Age after which a Hangfire lock row is taken for one left by a dead process and removed; default 30 s.
    /// Hangfire.PostgreSql keeps its locks as rows (its own default is 10 minutes), so a node killed while it
    /// held the delayed-job scheduler's lock (<c>locks:schedulepoller</c>, held for one poll of well under a
    /// second) would otherwise stop every timer of every node for ten minutes.
    /// </summary>
    public TimeSpan StaleLockTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
