namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// A service or send task offered to outside workers (Camunda 7 external task): one row per engine job of a topic
/// that no in-process handler serves. Fetchable when <see cref="AvailableAt"/> has passed and no unexpired lock
/// holds it; deleted when the task completes, throws a BPMN error or its token is cancelled.
/// </summary>
public sealed class ExternalTaskRecord
{
    /// <summary>The external task id workers see.</summary>
    public Guid Id { get; set; }

    /// <summary>The process instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The engine's instance-local job id.</summary>
    public required string JobId { get; set; }

    /// <summary>The waiting execution (its visible variables are the task's input).</summary>
    public required string ExecutionId { get; set; }

    /// <summary>The task's node (Camunda's <c>activityId</c>).</summary>
    public required string NodeId { get; set; }

    /// <summary>The topic (<c>camunda:topic</c>).</summary>
    public required string Topic { get; set; }

    /// <summary>The definition version's id.</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>The definition version's number.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>The definition key.</summary>
    public required string DefinitionKey { get; set; }

    /// <summary>The instance's business key, or <see langword="null"/>.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Priority for <c>usePriority</c> fetches (higher first): the task's <c>camunda:taskPriority</c>, else the process's, else 0.</summary>
    public long Priority { get; set; }

    /// <summary>When the task was offered first (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Earliest fetch (UTC), later after a failure with a retry timeout; <see langword="null"/> while an incident holds it.</summary>
    public DateTimeOffset? AvailableAt { get; set; }

    /// <summary>The worker holding the most recent lock, or <see langword="null"/>.</summary>
    public string? WorkerId { get; set; }

    /// <summary>When that lock expires (UTC), or <see langword="null"/> when unlocked.</summary>
    public DateTimeOffset? LockExpiresAt { get; set; }

    /// <summary>Retries left as the last failure set them (Camunda's <c>retries</c>), or <see langword="null"/> before any failure.</summary>
    public int? Retries { get; set; }

    /// <summary>The last failure's message, or <see langword="null"/>.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>The last failure's details (e.g. a stack trace), or <see langword="null"/>.</summary>
    public string? ErrorDetails { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: a concurrent lock, unlock or completion of the row makes a stale write fail.</summary>
    public uint RowVersion { get; set; }
}
