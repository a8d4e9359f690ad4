using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// The process scope's entry when a <c>${...}</c> of one of its event subprocess starts fails (BPMN 2.0.2 §10.3.5;
/// Camunda 7 evaluates them when the scope is entered): the instance starts, but its start token stays at its start
/// event and an <see cref="IncidentKind.Expression"/> incident holds the root until retried. An embedded subprocess
/// needs nothing here: its incident holds its own token, and retrying enters the subprocess again.
/// </summary>
internal sealed partial class Step
{
    /// <summary>
    /// Retries the entry of the process scope <paramref name="root"/>: subscribes its event subprocess starts again
    /// (after the retry's variables were merged) and, when they all succeed, sends the start token on.
    /// </summary>
    private void RetryScopeEntry(Execution root)
    {
        root.Status = ExecutionStatus.Scope;
        if (!SubscribeEventSubprocesses(root))
        {
            return;
        }

        foreach (var token in State.Executions.Where(e => e.ParentId == root.Id && e is { Kind: ExecutionKind.Token, Status: ExecutionStatus.Waiting }).ToList())
        {
            Schedule(Own(token), token.NodeId, null);
        }
    }
}
