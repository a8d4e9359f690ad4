using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.Jobs;

/// <summary>
/// Hangfire job that resumes a parent's call activity when its child completed, or throws at it the BPMN
/// error or escalation the child did not catch (system commands, retried on conflicts; a parent that moved on makes them no-ops).
/// </summary>
public sealed class ParentResumeJob(InstanceRunner runner, ApprovalFlowDbContext db)
{
    /// <summary>Resumes execution <paramref name="parentExecutionId"/> of <paramref name="parentInstanceId"/> with the variables of <paramref name="childInstanceId"/>.</summary>
    public async Task ResumeAsync(Guid parentInstanceId, string parentExecutionId, Guid childInstanceId, CancellationToken cancellationToken)
    {
        var child = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == childInstanceId, cancellationToken);
        await runner.ExecuteAsync(parentInstanceId, new ChildInstanceCompleted(parentExecutionId, childInstanceId.ToString(), child.State.Variables), cancellationToken);
    }

    /// <summary>
    /// Throws error <paramref name="errorCode"/>, which child <paramref name="childInstanceId"/> did not catch, at
    /// execution <paramref name="parentExecutionId"/> of <paramref name="parentInstanceId"/> (BPMN 2.0.2 §10.4.3); the
    /// catching event's <c>camunda:errorMessageVariable</c> gets <paramref name="errorMessage"/> (<see langword="null"/> when the error has none).
    /// </summary>
    public async Task PropagateErrorAsync(Guid parentInstanceId, string parentExecutionId, Guid childInstanceId, string errorCode, string origin, string? errorMessage, CancellationToken cancellationToken) =>
        await runner.ExecuteAsync(parentInstanceId, new ChildInstanceThrewError(parentExecutionId, childInstanceId.ToString(), errorCode, origin, errorMessage), cancellationToken);

    /// <summary>
    /// The job as enqueued before the error message was carried: Hangfire finds a job's method by its parameter types, so
    /// jobs already in the queue still run, with no message.
    /// </summary>
    public Task PropagateErrorAsync(Guid parentInstanceId, string parentExecutionId, Guid childInstanceId, string errorCode, string origin, CancellationToken cancellationToken) =>
        PropagateErrorAsync(parentInstanceId, parentExecutionId, childInstanceId, errorCode, origin, null, cancellationToken);

    /// <summary>
    /// Throws escalation <paramref name="escalationCode"/>, which child <paramref name="childInstanceId"/> did not catch, at
    /// execution <paramref name="parentExecutionId"/> of <paramref name="parentInstanceId"/> (BPMN 2.0.2 §10.5.3).
    /// </summary>
    public async Task PropagateEscalationAsync(Guid parentInstanceId, string parentExecutionId, Guid childInstanceId, string? escalationCode, string origin, CancellationToken cancellationToken) =>
        await runner.ExecuteAsync(parentInstanceId, new ChildInstanceEscalated(parentExecutionId, childInstanceId.ToString(), escalationCode, origin), cancellationToken);
}
