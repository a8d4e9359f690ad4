using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Runtime.ServiceTasks;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.ExternalTasks;

/// <summary>
/// A worker's report on a locked task (complete, failure, BPMN error) and the lock operations (extend, lock, unlock).
/// A report runs its engine step and the task row's update in one transaction (<see cref="InstanceRunner"/> with
/// <see cref="ServiceTaskWrites"/>): the row's lock holder is checked on the row as read in that transaction and the
/// row's <c>xmin</c> guards the write, so a report whose lock another worker took meanwhile is refused and a task
/// completes exactly once. Scoped; not thread-safe.
/// </summary>
public sealed class ExternalTaskReports(ApprovalFlowDbContext db, InstanceRunner runner, TimeProvider time)
{
    /// <summary>Completes the task: <paramref name="variables"/> merge into the process scope and the token moves on.</summary>
    /// <exception cref="CamundaRequestException">404: no such task; 400: locked by another worker (or not locked), or a bad variable.</exception>
    public Task CompleteAsync(Guid id, string? workerId, Dictionary<string, JsonElement>? variables, CancellationToken cancellationToken) =>
        ReportAsync(id, workerId, "completed", row => new CompleteJob(row.JobId, variables), (context, row) => context.ExternalTasks.Remove(row), cancellationToken);

    /// <summary>
    /// Reports a failed attempt: with <paramref name="retries"/> above 0 the task is fetchable again after
    /// <paramref name="retryTimeout"/>; with 0 an incident is raised (retried from the incidents API or page).
    /// </summary>
    /// <exception cref="CamundaRequestException">404: no such task; 400: locked by another worker, or negative retries or timeout.</exception>
    public Task FailAsync(Guid id, string? workerId, string? errorMessage, string? errorDetails, int retries, TimeSpan retryTimeout, CancellationToken cancellationToken)
    {
        if (retries < 0 || retryTimeout < TimeSpan.Zero)
        {
            throw CamundaRequestException.BadRequest("retries and retryTimeout must not be negative.");
        }

        var message = errorMessage ?? "The external worker reported a failure.";
        return ReportAsync(id, workerId, "reported as failed", row => new FailJob(row.JobId, message, retries, retryTimeout), (_, row) =>
        {
            row.ErrorMessage = message.Length > 4000 ? message[..4000] : message;
            row.ErrorDetails = errorDetails;
            row.Retries = retries;
            if (retries == 0)
            {
                row.AvailableAt = null;
                row.WorkerId = null;
                row.LockExpiresAt = null;
            }
        }, cancellationToken);
    }

    /// <summary>Throws a BPMN error at the task, caught by a matching error boundary event (BPMN 2.0.2 §10.5.4).</summary>
    /// <exception cref="CamundaRequestException">404: no such task; 400: locked by another worker, or no error code.</exception>
    public Task ThrowBpmnErrorAsync(Guid id, string? workerId, string? errorCode, string? errorMessage, Dictionary<string, JsonElement>? variables, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(errorCode))
        {
            throw CamundaRequestException.BadRequest("errorCode is required to report a BPMN error.");
        }

        return ReportAsync(id, workerId, "given a BPMN error", row => new ThrowBpmnError(row.JobId, errorCode, errorMessage, variables),
            (context, row) => context.ExternalTasks.Remove(row), cancellationToken);
    }

    /// <summary>Extends the lock of its holder to <paramref name="newDuration"/> from now.</summary>
    /// <exception cref="CamundaRequestException">404: no such task; 400: not locked by this worker, the lock expired, or a duration that is not positive.</exception>
    public async Task ExtendLockAsync(Guid id, string? workerId, long newDuration, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (newDuration <= 0)
        {
            throw CamundaRequestException.BadRequest("newDuration must be a positive number of milliseconds.");
        }

        if (row.WorkerId is null || row.WorkerId != workerId || row.LockExpiresAt <= now)
        {
            throw CamundaRequestException.BadRequest($"The lock of the External Task {id} cannot be extended by worker '{workerId}': "
                + (row.WorkerId is null || row.LockExpiresAt <= now ? "the task is not locked." : $"it is locked by worker '{row.WorkerId}'."));
        }

        row.LockExpiresAt = now.AddMilliseconds(newDuration);
        await SaveAsync(id, cancellationToken);
    }

    /// <summary>Locks the task for <paramref name="workerId"/> (again, for its holder) for <paramref name="lockDuration"/> from now.</summary>
    /// <exception cref="CamundaRequestException">404: no such task; 400: locked by another worker, held by an incident or waiting for its retry, or a duration that is not positive.</exception>
    public async Task LockAsync(Guid id, string? workerId, long lockDuration, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (string.IsNullOrEmpty(workerId) || lockDuration <= 0)
        {
            throw CamundaRequestException.BadRequest("workerId and a positive lockDuration are required.");
        }

        if (row.WorkerId is not null && row.WorkerId != workerId && row.LockExpiresAt > now)
        {
            throw CamundaRequestException.BadRequest($"External Task {id} is already locked by worker '{row.WorkerId}'.");
        }

        if (row.AvailableAt is null || row.AvailableAt > now)
        {
            throw CamundaRequestException.BadRequest($"External Task {id} cannot be locked: {(row.AvailableAt is null ? "it has no retries left (an incident holds it)" : "it waits for its retry timeout")}.");
        }

        row.WorkerId = workerId;
        row.LockExpiresAt = now.AddMilliseconds(lockDuration);
        await SaveAsync(id, cancellationToken);
    }

    /// <summary>Clears the lock: the task is fetchable at once.</summary>
    /// <exception cref="CamundaRequestException">404: no such task.</exception>
    public async Task UnlockAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, cancellationToken);
        row.WorkerId = null;
        row.LockExpiresAt = null;
        await SaveAsync(id, cancellationToken);
    }

    private async Task ReportAsync(
        Guid id, string? workerId, string verb, Func<ExternalTaskRecord, EngineCommand> command, Action<ApprovalFlowDbContext, ExternalTaskRecord> update, CancellationToken cancellationToken)
    {
        var row = await db.ExternalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw CamundaRequestException.NotFound(id);
        EnsureHeldBy(row.Id, row.WorkerId, workerId, verb);
        CommandOutcome outcome;
        try
        {
            outcome = await runner.ExecuteAsync(row.InstanceId, command(row), async (context, _, token) =>
            {
                var current = context.ExternalTasks.Local.FirstOrDefault(t => t.Id == id)
                    ?? await context.ExternalTasks.FirstOrDefaultAsync(t => t.Id == id, token)
                    ?? throw CamundaRequestException.NotFound(id);
                EnsureHeldBy(id, context.Entry(current).OriginalValues.GetValue<string?>(nameof(ExternalTaskRecord.WorkerId)), workerId, verb);
                update(context, current);
                return false;
            }, cancellationToken);
        }
        catch (CalledDefinitionMissingException e)
        {
            throw new CamundaRequestException(StatusCodes.Status500InternalServerError, $"The process instance could not be resumed: {e.Message}", "ProcessEngineException");
        }

        if (outcome is not CommandOutcome.Applied)
        {
            throw CamundaRequestException.NotFound(id);
        }
    }

    private static void EnsureHeldBy(Guid id, string? holder, string? workerId, string verb)
    {
        if (string.IsNullOrEmpty(workerId))
        {
            throw CamundaRequestException.BadRequest($"workerId is required: External Task {id} can only be {verb} by the worker that locked it.");
        }

        if (holder != workerId)
        {
            throw CamundaRequestException.BadRequest(holder is null
                ? $"External Task {id} cannot be {verb} by worker '{workerId}': it is not locked."
                : $"External Task {id} cannot be {verb} by worker '{workerId}'. It is locked by worker '{holder}'.");
        }
    }

    private async Task<ExternalTaskRecord> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ExternalTasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw CamundaRequestException.NotFound(id);

    private async Task SaveAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CamundaRequestException(StatusCodes.Status400BadRequest, $"External Task {id} changed meanwhile (another worker locked, completed or unlocked it); fetch it again.");
        }
    }
}
