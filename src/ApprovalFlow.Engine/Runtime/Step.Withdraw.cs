using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>User tasks that nobody can see.</summary>
internal sealed partial class Step
{
    /// <summary>
    /// Withdraws an open task that nobody can see and raises a <see cref="IncidentKind.NoCandidates"/>
    /// incident on its token; a retry enters the user task again.
    /// </summary>
    public void WithdrawUserTask(OpenUserTask task, string message)
    {
        var execution = Find(task.ExecutionId)!;
        State.Tasks.Remove(task);
        Emit(new CancelUserTaskIntent(task.Id));
        Record(HistoryEventType.TaskCancelled, task.NodeId, execution.Id, task.Id);
        RaiseIncident(execution, IncidentKind.NoCandidates, RetryAction.Enter, message);
    }
}
