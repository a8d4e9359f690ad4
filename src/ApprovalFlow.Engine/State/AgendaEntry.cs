namespace ApprovalFlow.Engine.State;

/// <summary>
/// Work a step had queued when it ran out of its work budget (<see cref="Runtime.EngineOptions.MaxNodeEntriesPerStep"/>,
/// <see cref="Runtime.EngineOptions.MaxStepDuration"/>): a token about to enter a node. Kept in
/// <see cref="ProcessInstanceState.Agenda"/> and run when the <see cref="IncidentKind.WorkBudget"/> incident is retried.
/// </summary>
/// <param name="ExecutionId">The token.</param>
/// <param name="NodeId">The node it was about to enter.</param>
/// <param name="FlowId">The sequence flow it arrives by, or <see langword="null"/>.</param>
/// <param name="RunOnly">
/// <see langword="true"/> for a multi-instance item about to run its activity (the body was entered already).
/// </param>
public sealed record AgendaEntry(string ExecutionId, string NodeId, string? FlowId, bool RunOnly);
