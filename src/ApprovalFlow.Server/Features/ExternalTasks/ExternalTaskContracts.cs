using System.Text.Json.Serialization;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>Body of <c>POST /engine-rest/external-task/fetchAndLock</c> (Camunda 7); unknown fields are ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record FetchExternalTasksRequest
{
    /// <summary>The worker taking the locks (required).</summary>
    public string? WorkerId { get; init; }

    /// <summary>The most tasks to lock (cut to <see cref="ExternalTasksOptions.MaxTasksPerFetch"/>).</summary>
    public int MaxTasks { get; init; }

    /// <summary>Higher <c>camunda:taskPriority</c> first, then oldest first (Camunda 7); <see langword="false"/>: oldest first.</summary>
    public bool UsePriority { get; init; }

    /// <summary>Long polling: wait up to this many milliseconds for a task when none is fetchable (cut to <see cref="ExternalTasksOptions.MaxAsyncResponseTimeout"/>).</summary>
    public long? AsyncResponseTimeout { get; init; }

    /// <summary>The topics to fetch from.</summary>
    public List<FetchExternalTaskTopic>? Topics { get; init; }
}

/// <summary>One topic of a fetch.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record FetchExternalTaskTopic
{
    /// <summary>The topic name (required).</summary>
    public string? TopicName { get; init; }

    /// <summary>Lock duration in milliseconds (required, positive).</summary>
    public long LockDuration { get; init; }

    /// <summary>Names of the variables to return; <see langword="null"/> for all the task sees.</summary>
    public List<string>? Variables { get; init; }

    /// <summary>Only tasks of instances with this business key, or <see langword="null"/>.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Only tasks of this definition key, or <see langword="null"/>.</summary>
    public string? ProcessDefinitionKey { get; init; }

    /// <summary>Only tasks of these definition keys, or <see langword="null"/>.</summary>
    public List<string>? ProcessDefinitionKeyIn { get; init; }

    /// <summary>Not supported: refused when set.</summary>
    public string? ProcessDefinitionId { get; init; }

    /// <summary>Not supported: refused when set.</summary>
    public List<string>? ProcessDefinitionIdIn { get; init; }

    /// <summary>Not supported: refused when set.</summary>
    public string? ProcessDefinitionVersionTag { get; init; }

    /// <summary>Not supported: refused when set.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? ProcessVariables { get; init; }

    /// <summary>Not supported (there are no tenants): refused when non-empty.</summary>
    public List<string>? TenantIdIn { get; init; }
}

/// <summary>Body of <c>POST /engine-rest/external-task/{id}/complete</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record CompleteExternalTaskRequest
{
    /// <summary>The worker holding the lock (required).</summary>
    public string? WorkerId { get; init; }

    /// <summary>Variables merged into the process scope.</summary>
    public Dictionary<string, CamundaVariable?>? Variables { get; init; }

    /// <summary>Variables of the task's own scope, which ends with it: accepted and dropped, as in Camunda 7 without output mappings.</summary>
    public Dictionary<string, CamundaVariable?>? LocalVariables { get; init; }
}

/// <summary>Body of <c>POST /engine-rest/external-task/{id}/failure</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record ExternalTaskFailureRequest
{
    /// <summary>The worker holding the lock (required).</summary>
    public string? WorkerId { get; init; }

    /// <summary>Why it failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Details (e.g. a stack trace), shown by <c>GET /engine-rest/external-task/{id}/errorDetails</c>.</summary>
    public string? ErrorDetails { get; init; }

    /// <summary>Attempts still allowed (default 0: an incident is raised).</summary>
    public int Retries { get; init; }

    /// <summary>Milliseconds before the task is fetchable again (default 0).</summary>
    public long RetryTimeout { get; init; }
}

/// <summary>Body of <c>POST /engine-rest/external-task/{id}/bpmnError</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record ExternalTaskBpmnErrorRequest
{
    /// <summary>The worker holding the lock (required).</summary>
    public string? WorkerId { get; init; }

    /// <summary>The BPMN error code matched against error boundary events (required).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Text for history.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Variables set before the error propagates.</summary>
    public Dictionary<string, CamundaVariable?>? Variables { get; init; }
}

/// <summary>Body of <c>POST /engine-rest/external-task/{id}/extendLock</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record ExtendExternalTaskLockRequest
{
    /// <summary>The worker holding the lock (required).</summary>
    public string? WorkerId { get; init; }

    /// <summary>New lock duration in milliseconds from now (positive).</summary>
    public long NewDuration { get; init; }
}

/// <summary>Body of <c>POST /engine-rest/external-task/{id}/lock</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record LockExternalTaskRequest
{
    /// <summary>The worker taking the lock (required).</summary>
    public string? WorkerId { get; init; }

    /// <summary>Lock duration in milliseconds (positive).</summary>
    public long LockDuration { get; init; }
}

/// <summary>An external task as <c>GET /engine-rest/external-task</c> lists it (Camunda 7's <c>ExternalTaskDto</c>).</summary>
/// <param name="Id">The external task id.</param>
/// <param name="TopicName">The topic.</param>
/// <param name="WorkerId">The worker of the most recent lock, or <see langword="null"/>.</param>
/// <param name="LockExpirationTime">When that lock expires (Camunda date format), or <see langword="null"/>.</param>
/// <param name="CreateTime">When the task was offered (Camunda date format).</param>
/// <param name="Retries">Retries as the last failure set them, or <see langword="null"/>.</param>
/// <param name="ErrorMessage">The last failure's message, or <see langword="null"/>.</param>
/// <param name="Suspended">Always <see langword="false"/>.</param>
/// <param name="ActivityId">The task's node id.</param>
/// <param name="ActivityInstanceId">The waiting execution.</param>
/// <param name="ExecutionId">The waiting execution.</param>
/// <param name="ProcessInstanceId">The instance.</param>
/// <param name="ProcessDefinitionId">The definition version as <c>key:version:id</c>.</param>
/// <param name="ProcessDefinitionKey">The definition key.</param>
/// <param name="ProcessDefinitionVersionTag">Always <see langword="null"/>.</param>
/// <param name="TenantId">Always <see langword="null"/>.</param>
/// <param name="Priority">The priority (<c>camunda:taskPriority</c> of the task, else of the process, else 0).</param>
/// <param name="BusinessKey">The business key, or <see langword="null"/>.</param>
public record ExternalTaskResponse(
    Guid Id, string TopicName, string? WorkerId, string? LockExpirationTime, string CreateTime, int? Retries, string? ErrorMessage, bool Suspended,
    string ActivityId, string ActivityInstanceId, string ExecutionId, Guid ProcessInstanceId, string ProcessDefinitionId, string ProcessDefinitionKey,
    string? ProcessDefinitionVersionTag, string? TenantId, long Priority, string? BusinessKey)
{
    internal static ExternalTaskResponse From(ExternalTaskRecord t) => new(
        t.Id, t.Topic, t.WorkerId, t.LockExpiresAt is { } at ? CamundaVariables.FormatDate(at) : null, CamundaVariables.FormatDate(t.CreatedAt), t.Retries,
        t.ErrorMessage, false, t.NodeId, t.ExecutionId, t.ExecutionId, t.InstanceId, $"{t.DefinitionKey}:{t.DefinitionVersion}:{t.DefinitionId}", t.DefinitionKey,
        null, null, t.Priority, t.BusinessKey);
}

/// <summary>A task locked by <c>fetchAndLock</c> (Camunda 7's <c>LockedExternalTaskDto</c>): the listing plus its variables.</summary>
public sealed record LockedExternalTaskResponse : ExternalTaskResponse
{
    internal LockedExternalTaskResponse(ExternalTaskResponse task, string? errorDetails, Dictionary<string, TypedValue> variables)
        : base(task)
    {
        ErrorDetails = errorDetails;
        Variables = variables;
    }

    /// <summary>The last failure's details, or <see langword="null"/>.</summary>
    public string? ErrorDetails { get; }

    /// <summary>The requested variables the task sees, typed.</summary>
    public Dictionary<string, TypedValue> Variables { get; }

    /// <summary>The task's <c>camunda:properties</c> (none are passed: always empty).</summary>
    public Dictionary<string, string> ExtensionProperties { get; } = [];
}

/// <summary>The answer of <c>GET /engine-rest/external-task/count</c>.</summary>
/// <param name="Count">How many tasks match.</param>
public sealed record ExternalTaskCountResponse(long Count);
