namespace ApprovalFlow.Engine.State;

/// <summary>A service or send task handed to the host's handler for <see cref="Topic"/>.</summary>
public sealed record ServiceJob
{
    /// <summary>Instance-local job id, e.g. <c>j5</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The waiting execution.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The task's node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The handler topic (<c>camunda:topic</c>).</summary>
    public required string Topic { get; init; }

    /// <summary>
    /// The waits (ISO 8601 periods) before each retry still left, in order (from
    /// <c>camunda:failedJobRetryTimeCycle</c>); each failure uses the first and drops it.
    /// </summary>
    public IReadOnlyList<string> RetryWaits { get; init; } = [];

    /// <summary>Attempts left after the one running now (the count of <see cref="RetryWaits"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int RetriesLeft => RetryWaits.Count;

    /// <summary><see langword="true"/> once retries ran out and an incident holds the job.</summary>
    public bool Failed { get; init; }
}
