using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Camunda 7's fetch-and-lock: locks up to <c>maxTasks</c> fetchable tasks of the asked topics for one worker in one
/// statement (<c>FOR UPDATE SKIP LOCKED</c>, so concurrent fetches on any node never lock a task twice), and with
/// <c>asyncResponseTimeout</c> waits for tasks: woken by <see cref="ExternalTaskSignal"/>, looking again every
/// <see cref="ExternalTasksOptions.RequeryInterval"/>. Scoped; not thread-safe.
/// </summary>
public sealed class ExternalTaskFetcher(ApprovalFlowDbContext db, ExternalTaskSignal signal, TimeProvider time, IOptions<ExternalTasksOptions> options)
{
    /// <summary>Locks tasks for <paramref name="request"/>'s worker, waiting for some as it asks.</summary>
    /// <exception cref="CamundaRequestException">The request lacks the worker, a topic name or a positive lock duration, or uses an unsupported filter.</exception>
    public async Task<List<LockedExternalTaskResponse>> FetchAndLockAsync(FetchExternalTasksRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var topics = Validate(request);
        var settings = options.Value;
        var maxTasks = Math.Min(request.MaxTasks, settings.MaxTasksPerFetch);
        var wait = TimeSpan.FromMilliseconds(Math.Clamp(request.AsyncResponseTimeout ?? 0, 0, (long)settings.MaxAsyncResponseTimeout.TotalMilliseconds));
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var wake = signal.Next;
            var locked = maxTasks <= 0 ? [] : await LockAsync(request.WorkerId!, request.UsePriority, maxTasks, topics, cancellationToken);
            var now = time.GetUtcNow();
            if (locked.Count > 0 || now >= deadline)
            {
                return await WithVariablesAsync(locked, topics, cancellationToken);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pause = Task.Delay(Min(deadline - now, settings.RequeryInterval), time, stop.Token);
            await signal.WaitAsync(wake, pause);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static List<FetchExternalTaskTopic> Validate(FetchExternalTasksRequest request)
    {
        if (string.IsNullOrEmpty(request.WorkerId))
        {
            throw CamundaRequestException.BadRequest("workerId is required to fetch and lock external tasks.");
        }

        var topics = request.Topics ?? [];
        foreach (var topic in topics)
        {
            if (string.IsNullOrEmpty(topic.TopicName))
            {
                throw CamundaRequestException.BadRequest("Every topic needs a topicName.");
            }

            if (topic.LockDuration <= 0)
            {
                throw CamundaRequestException.BadRequest($"The lockDuration of topic '{topic.TopicName}' must be a positive number of milliseconds.");
            }

            if (topic.ProcessDefinitionId is not null || topic.ProcessDefinitionIdIn is { Count: > 0 } || topic.ProcessDefinitionVersionTag is not null
                || topic.ProcessVariables is { Count: > 0 } || topic.TenantIdIn is { Count: > 0 })
            {
                throw CamundaRequestException.BadRequest(
                    $"Topic '{topic.TopicName}' filters by processDefinitionId(In), processDefinitionVersionTag, processVariables or tenantIdIn, which this server does not support; "
                    + "filter by businessKey, processDefinitionKey or processDefinitionKeyIn.");
            }
        }

        if (topics.GroupBy(t => t.TopicName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw CamundaRequestException.BadRequest($"Topic '{twice.Key}' is listed twice.");
        }

        return topics;
    }

    private async Task<List<ExternalTaskRecord>> LockAsync(string workerId, bool usePriority, int maxTasks, List<FetchExternalTaskTopic> topics, CancellationToken cancellationToken)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var names = topics.Select(t => t.TopicName!).ToArray();
        var locks = topics.Select(t => t.LockDuration).ToArray();
        var businessKeys = topics.Select(t => t.BusinessKey).ToArray();
        var definitionKeys = topics.Select(t => t.ProcessDefinitionKeyIn is { Count: > 0 } keys
            ? string.Join('\n', keys.Append(t.ProcessDefinitionKey).OfType<string>())
            : t.ProcessDefinitionKey).ToArray();
        var locked = await db.ExternalTasks.FromSql($"""
            WITH picked AS (
                SELECT t.id, v.lock_ms
                FROM approvalflow.external_tasks t
                JOIN unnest({names}::text[], {locks}::bigint[], {businessKeys}::text[], {definitionKeys}::text[]) AS v(topic, lock_ms, business_key, definition_keys)
                  ON v.topic = t.topic
                WHERE t.available_at <= {now} AND (t.lock_expires_at IS NULL OR t.lock_expires_at <= {now})
                  AND (v.business_key IS NULL OR t.business_key = v.business_key)
                  AND (v.definition_keys IS NULL OR t.definition_key = ANY (string_to_array(v.definition_keys, E'\n')))
                ORDER BY CASE WHEN {usePriority} THEN t.priority ELSE 0 END DESC, t.created_at, t.id
                LIMIT {maxTasks}
                FOR UPDATE OF t SKIP LOCKED
            )
            UPDATE approvalflow.external_tasks t
            SET worker_id = {workerId}, lock_expires_at = {now} + picked.lock_ms * interval '1 millisecond'
            FROM picked
            WHERE t.id = picked.id
            RETURNING t.*, t.xmin
            """).AsNoTracking().ToListAsync(cancellationToken);
        return [.. locked.OrderByDescending(t => usePriority ? t.Priority : 0).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)];
    }

    private async Task<List<LockedExternalTaskResponse>> WithVariablesAsync(List<ExternalTaskRecord> locked, List<FetchExternalTaskTopic> topics, CancellationToken cancellationToken)
    {
        if (locked.Count == 0)
        {
            return [];
        }

        var ids = locked.Select(t => t.InstanceId).Distinct().ToList();
        var states = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.State, cancellationToken);
        var byTopic = topics.ToDictionary(t => t.TopicName!, StringComparer.Ordinal);
        return [.. locked.Select(task =>
        {
            var wanted = byTopic[task.Topic].Variables;
            var visible = states.TryGetValue(task.InstanceId, out var state) ? state.VisibleVariables(task.ExecutionId) : new Dictionary<string, System.Text.Json.JsonElement>();
            var chosen = wanted is null ? visible : visible.Where(v => wanted.Contains(v.Key, StringComparer.Ordinal));
            return new LockedExternalTaskResponse(ExternalTaskResponse.From(task), task.ErrorDetails, CamundaVariables.FromEngine(chosen));
        })];
    }
}
