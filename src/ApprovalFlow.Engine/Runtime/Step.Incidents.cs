using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Retrying incidents.</summary>
internal sealed partial class Step
{
    /// <summary>
    /// Resolves an incident and runs the failed step again after merging <paramref name="variables"/>:
    /// the node from its start, the node's outgoing flows, the completion of a multi-instance item, or
    /// one more attempt of the job, or the work a step kept when it ran out of its budget.
    /// </summary>
    public void RetryIncident(Incident incident, IReadOnlyDictionary<string, JsonElement>? variables, string? actor)
    {
        var execution = Find(incident.ExecutionId)!;
        ResolveIncident(incident, execution, actor, variables);
        SetVariables(execution, variables);
        if (incident.Retry == RetryAction.Resume)
        {
            ResumeAgenda();
            return;
        }

        if (execution.Kind == ExecutionKind.Root)
        {
            RetryScopeEntry(execution);
            return;
        }

        execution.Status = execution.Kind == ExecutionKind.MultiInstanceBody ? ExecutionStatus.Scope : ExecutionStatus.Waiting;
        switch (incident.Retry)
        {
            case RetryAction.Job:
                var index = State.Jobs.FindIndex(j => j.Id == incident.JobId);
                var job = State.Jobs[index] with { Failed = false, RetryWaits = [] };
                State.Jobs[index] = job;
                Emit(new RunServiceTaskIntent(job.Id, execution.Id, job.NodeId, job.Topic, job.RetriesLeft, Now));
                break;
            case RetryAction.Leave:
                Leave(execution, Process.Node(execution.NodeId));
                break;
            case RetryAction.Complete:
                CompleteActivity(execution);
                break;
            default:
                Schedule(execution, execution.NodeId, execution.ArrivedVia);
                break;
        }
    }
}
