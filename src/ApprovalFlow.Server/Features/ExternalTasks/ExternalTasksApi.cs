using ApprovalFlow.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// Camunda 7's external task REST API under <c>/engine-rest/external-task</c> (docs/external-tasks.md), for the
/// official Camunda clients unchanged. Errors are Camunda's <see cref="CamundaError"/> with Camunda's status codes:
/// 404 for a task that does not exist (any more), 400 for a lock held by another worker or a malformed request.
/// </summary>
public static class ExternalTasksApi
{
    /// <summary><c>POST /fetchAndLock</c>: locks tasks of the asked topics for the worker (long polling with <c>asyncResponseTimeout</c>).</summary>
    public static async Task<JsonHttpResult<List<LockedExternalTaskResponse>>> FetchAndLockAsync(HttpRequest request, ExternalTaskFetcher fetcher, CancellationToken cancellationToken)
    {
        var body = await CamundaResults.ReadAsync(request, new FetchExternalTasksRequest());
        return CamundaResults.Ok(await fetcher.FetchAndLockAsync(body, cancellationToken));
    }

    /// <summary><c>POST /{id}/complete</c>: completes the task with variables (204).</summary>
    public static async Task<NoContent> CompleteAsync(string id, HttpRequest request, ExternalTaskReports reports, CancellationToken cancellationToken)
    {
        var body = await CamundaResults.ReadAsync(request, new CompleteExternalTaskRequest());
        await reports.CompleteAsync(ParseId(id), body.WorkerId, CamundaVariables.ToEngine(body.Variables), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>POST /{id}/failure</c>: reports a failed attempt (204); 0 retries raises an incident.</summary>
    public static async Task<NoContent> FailureAsync(string id, HttpRequest request, ExternalTaskReports reports, CancellationToken cancellationToken)
    {
        var body = await CamundaResults.ReadAsync(request, new ExternalTaskFailureRequest());
        await reports.FailAsync(ParseId(id), body.WorkerId, body.ErrorMessage, body.ErrorDetails, body.Retries, TimeSpan.FromMilliseconds(body.RetryTimeout), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>POST /{id}/bpmnError</c>: throws a BPMN error at the task (204).</summary>
    public static async Task<NoContent> BpmnErrorAsync(string id, HttpRequest request, ExternalTaskReports reports, CancellationToken cancellationToken)
    {
        var body = await CamundaResults.ReadAsync(request, new ExternalTaskBpmnErrorRequest());
        await reports.ThrowBpmnErrorAsync(ParseId(id), body.WorkerId, body.ErrorCode, body.ErrorMessage, CamundaVariables.ToEngine(body.Variables), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>POST /{id}/extendLock</c>: extends the holder's lock (204).</summary>
    public static async Task<NoContent> ExtendLockAsync(string id, HttpRequest request, ExternalTaskReports reports, CancellationToken cancellationToken)
    {
        var body = await CamundaResults.ReadAsync(request, new ExtendExternalTaskLockRequest());
        await reports.ExtendLockAsync(ParseId(id), body.WorkerId, body.NewDuration, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>POST /{id}/lock</c>: locks one task by id (204).</summary>
    public static async Task<NoContent> LockAsync(string id, HttpRequest request, ExternalTaskReports reports, CancellationToken cancellationToken)
    {
        var body = await CamundaResults.ReadAsync(request, new LockExternalTaskRequest());
        await reports.LockAsync(ParseId(id), body.WorkerId, body.LockDuration, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>POST /{id}/unlock</c>: clears the lock (204); the body, if any, is ignored.</summary>
    public static async Task<NoContent> UnlockAsync(string id, ExternalTaskReports reports, CancellationToken cancellationToken)
    {
        await reports.UnlockAsync(ParseId(id), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>GET /</c>: the tasks matching Camunda's query parameters, oldest first.</summary>
    public static async Task<JsonHttpResult<List<ExternalTaskResponse>>> ListAsync([AsParameters] ExternalTaskQuery query, ApprovalFlowDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var rows = await query.Apply(db.ExternalTasks.AsNoTracking(), time.GetUtcNow())
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(Math.Max(0, query.FirstResult ?? 0)).Take(Math.Clamp(query.MaxResults ?? int.MaxValue, 0, int.MaxValue))
            .ToListAsync(cancellationToken);
        return CamundaResults.Ok(rows.ConvertAll(ExternalTaskResponse.From));
    }

    /// <summary><c>GET /count</c>: how many tasks match.</summary>
    public static async Task<JsonHttpResult<ExternalTaskCountResponse>> CountAsync([AsParameters] ExternalTaskQuery query, ApprovalFlowDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CamundaResults.Ok(new ExternalTaskCountResponse(await query.Apply(db.ExternalTasks.AsNoTracking(), time.GetUtcNow()).LongCountAsync(cancellationToken)));

    /// <summary><c>GET /{id}</c>: one task.</summary>
    public static async Task<JsonHttpResult<ExternalTaskResponse>> GetAsync(string id, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var taskId = ParseId(id);
        return CamundaResults.Ok(ExternalTaskResponse.From(
            await db.ExternalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken) ?? throw CamundaRequestException.NotFound(taskId)));
    }

    /// <summary><c>GET /{id}/errorDetails</c>: the last failure's details as plain text.</summary>
    public static async Task<ContentHttpResult> ErrorDetailsAsync(string id, ApprovalFlowDbContext db, CancellationToken cancellationToken)
    {
        var taskId = ParseId(id);
        var row = await db.ExternalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken) ?? throw CamundaRequestException.NotFound(taskId);
        return TypedResults.Text(row.ErrorDetails ?? string.Empty, "text/plain");
    }

    /// <summary>A task id of the path; one that is no id of ours names no task (404, as Camunda answers).</summary>
    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new CamundaRequestException(StatusCodes.Status404NotFound, $"External task with id {id} does not exist");
}

/// <summary>The Camunda 7 query parameters of <c>GET /engine-rest/external-task</c> this server supports.</summary>
public sealed record ExternalTaskQuery
{
    /// <summary>Only this external task.</summary>
    public Guid? ExternalTaskId { get; set; }

    /// <summary>Only this topic.</summary>
    public string? TopicName { get; set; }

    /// <summary>Only tasks whose most recent lock is this worker's.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Only tasks with an unexpired lock.</summary>
    public bool? Locked { get; set; }

    /// <summary>Only tasks without an unexpired lock.</summary>
    public bool? NotLocked { get; set; }

    /// <summary>Only tasks of this instance.</summary>
    public Guid? ProcessInstanceId { get; set; }

    /// <summary>Only tasks of this node.</summary>
    public string? ActivityId { get; set; }

    /// <summary>Only tasks whose retries are not used up.</summary>
    public bool? WithRetriesLeft { get; set; }

    /// <summary>Only tasks whose retries are used up (an incident holds them).</summary>
    public bool? NoRetriesLeft { get; set; }

    /// <summary>Paging: tasks to skip.</summary>
    public int? FirstResult { get; set; }

    /// <summary>Paging: the most tasks to return.</summary>
    public int? MaxResults { get; set; }

    internal IQueryable<ExternalTaskRecord> Apply(IQueryable<ExternalTaskRecord> rows, DateTimeOffset now)
    {
        if (ExternalTaskId is { } id)
        {
            rows = rows.Where(t => t.Id == id);
        }

        if (TopicName is { } topic)
        {
            rows = rows.Where(t => t.Topic == topic);
        }

        if (WorkerId is { } worker)
        {
            rows = rows.Where(t => t.WorkerId == worker);
        }

        if (Locked == true)
        {
            rows = rows.Where(t => t.LockExpiresAt > now);
        }

        if (NotLocked == true)
        {
            rows = rows.Where(t => t.LockExpiresAt == null || t.LockExpiresAt <= now);
        }

        if (ProcessInstanceId is { } instance)
        {
            rows = rows.Where(t => t.InstanceId == instance);
        }

        if (ActivityId is { } activity)
        {
            rows = rows.Where(t => t.NodeId == activity);
        }

        if (WithRetriesLeft == true)
        {
            rows = rows.Where(t => t.Retries == null || t.Retries > 0);
        }

        if (NoRetriesLeft == true)
        {
            rows = rows.Where(t => t.Retries == 0);
        }

        return rows;
    }
}
