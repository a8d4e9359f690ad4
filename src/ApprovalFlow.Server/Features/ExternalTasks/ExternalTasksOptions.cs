using System.ComponentModel.DataAnnotations;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>The Camunda 7 compatible external task API (section <c>ExternalTasks</c>).</summary>
public sealed class ExternalTasksOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ExternalTasks";

    /// <summary>
    /// Whether <c>/engine-rest/external-task</c> serves service tasks whose topic no in-process handler serves
    /// (default <see langword="true"/>). When off, a deployment with such a topic is refused.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a <c>fetchAndLock</c> with <c>asyncResponseTimeout</c> waits for a task (default 1 minute; Camunda
    /// allows 30): a longer timeout is cut to this, and the worker simply polls again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan MaxAsyncResponseTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a waiting <c>fetchAndLock</c> looks again without a wake-up (default 1 second): catches expired locks,
    /// retry timeouts that passed and wake-ups lost between nodes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan RequeryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most tasks one <c>fetchAndLock</c> locks (default 100); a larger <c>maxTasks</c> is cut to this.</summary>
    [Range(1, 1000)]
    public int MaxTasksPerFetch { get; set; } = 100;

    /// <summary>
    /// How long a checked HTTP Basic credential is remembered (default 1 minute), so that a polling worker does not pay
    /// a password hash per request; a changed password or removed role takes effect after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
