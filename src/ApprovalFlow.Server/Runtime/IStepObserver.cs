using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// One engine step on an existing instance as it is about to commit (<see cref="InstanceRunner"/>): the instance row
/// with its new state, the definition it runs, the step's history events and the step's database context, whose
/// pending changes commit in the same transaction.
/// </summary>
/// <param name="Db">The step's database context: rows added here commit (or roll back) with the step.</param>
/// <param name="Instance">The instance row, its <see cref="ProcessInstanceRecord.State"/> already the new state.</param>
/// <param name="Definition">The definition version the instance runs.</param>
/// <param name="History">The step's history events, in order.</param>
/// <param name="Now">The step's "now" (UTC).</param>
public sealed record ObservedStep(ApprovalFlowDbContext Db, ProcessInstanceRecord Instance, DeployedDefinition Definition, IReadOnlyList<HistoryEvent> History, DateTimeOffset Now);

/// <summary>
/// Lets a feature follow the process in the step's own transaction (architecture "Data flow of one command"), whatever
/// command made the step (an endpoint, <c>POST /api/messages</c>, a timer, a signal): e.g. a plan cycle becomes
/// withdrawn when its process's withdrawal event subprocess starts. Registered as scoped services (every registration
/// runs, in registration order); each is resolved from the step's scope, so it runs again when a lost race re-runs the step.
/// </summary>
public interface IStepObserver
{
    /// <summary>Adds the feature's rows for <paramref name="observed"/> to <see cref="ObservedStep.Db"/>; saves nothing itself.</summary>
    /// <param name="observed">The step about to commit.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns><see langword="true"/> when it added rows the outbox dispatcher sends (notifications).</returns>
    Task<bool> ObserveAsync(ObservedStep observed, CancellationToken cancellationToken);
}
