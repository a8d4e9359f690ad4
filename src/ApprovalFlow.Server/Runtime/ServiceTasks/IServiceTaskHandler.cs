using System.Text.Json;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Runtime.ServiceTasks;

/// <summary>
/// Does the work of service and send tasks with <c>camunda:topic</c> equal to <see cref="Topic"/>.
/// Runs on a Hangfire worker; a thrown exception is a failed attempt (retried per the task's
/// <c>camunda:failedJobRetryTimeCycle</c>, then an incident). Register with
/// <see cref="RuntimeModule.AddServiceTaskHandler{THandler}"/>.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>The topic handled, e.g. <c>directory.working-groups</c>.</summary>
    string Topic { get; }

    /// <summary>Does the work once; may run again after a crash, so make it idempotent.</summary>
    /// <param name="context">The task and the variables visible to it.</param>
    /// <param name="cancellationToken">Cancelled when the service stops.</param>
    /// <returns>Completion with output variables, or a BPMN error for an error boundary event.</returns>
    Task<ServiceTaskResult> HandleAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler gets.</summary>
/// <param name="InstanceId">The process instance.</param>
/// <param name="BusinessKey">Its business key, or <see langword="null"/>.</param>
/// <param name="JobId">The engine's job id (stable across retries: an idempotency key).</param>
/// <param name="NodeId">The task's node id.</param>
/// <param name="Topic">The topic.</param>
/// <param name="RetriesLeft">Attempts left after this one.</param>
/// <param name="Variables">Variables visible to the task.</param>
/// <param name="Properties">The task's <c>camunda:properties</c> as written (values may hold <c>${...}</c>: evaluate them with <see cref="ServiceTaskExpressions"/>).</param>
/// <param name="ProcessName">The definition's name, or its key.</param>
public sealed record ServiceTaskContext(
    Guid InstanceId,
    string? BusinessKey,
    string JobId,
    string NodeId,
    string Topic,
    int RetriesLeft,
    IReadOnlyDictionary<string, JsonElement> Variables,
    IReadOnlyDictionary<string, string> Properties,
    string ProcessName);

/// <summary>
/// Rows a handler adds to the unit of work of the engine step that completes its task, so they commit (or roll
/// back) with it; runs once per attempt of the step (again on fresh state after a lost race), never for a step that
/// does not apply (the job is gone).
/// </summary>
/// <param name="db">The step's unit of work (not saved by the delegate).</param>
/// <param name="now">The step's instant (UTC).</param>
/// <param name="cancellationToken">Cancels the database reads.</param>
/// <returns><see langword="true"/> when it added outbox rows (the dispatcher is then woken after commit).</returns>
public delegate Task<bool> ServiceTaskWrites(ApprovalFlowDbContext db, DateTimeOffset now, CancellationToken cancellationToken);

/// <summary>The outcome of a handler.</summary>
public abstract record ServiceTaskResult
{
    private ServiceTaskResult()
    {
    }

    /// <summary>Done; <paramref name="Variables"/> merge into the process scope and <paramref name="Writes"/> join the completing step's transaction.</summary>
    public sealed record Completed(IReadOnlyDictionary<string, JsonElement>? Variables = null, ServiceTaskWrites? Writes = null) : ServiceTaskResult;

    /// <summary>A business error for an error boundary event (BPMN 2.0.2 §10.5.4).</summary>
    public sealed record BpmnError(string ErrorCode, string? Message = null, IReadOnlyDictionary<string, JsonElement>? Variables = null) : ServiceTaskResult;
}
