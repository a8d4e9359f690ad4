using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Scopes: end events, scope completion, cancellation of subtrees, BPMN errors (BPMN 2.0.2 §13.4, §13.5).</summary>
internal sealed partial class Step
{
    /// <summary>Starts the instance: the root scope and one token at the none start event, or at the signal or message start event <paramref name="startEventId"/>.</summary>
    public void StartInstance(string? startEventId)
    {
        var start = startEventId ?? Process.Definition.StartEventId;
        var root = NewExecution(null, Process.Key, ExecutionKind.Root);
        root.Status = ExecutionStatus.Scope;
        Record(HistoryEventType.InstanceStarted, Process.Key, root.Id, data: startEventId is null ? null : StartedAt(startEventId));
        var subscribed = SubscribeEventSubprocesses(root);
        var token = NewExecution(root.Id, start, ExecutionKind.Token);
        if (subscribed)
        {
            Schedule(token, start, null);
        }
    }

    private void End(Execution execution, EndEvent end)
    {
        switch (end.Kind)
        {
            case EndEventKind.Terminate:
                Record(HistoryEventType.NodeLeft, end.Id, execution.Id);
                var scope = Parent(execution)!;
                RemoveExecution(execution);
                CancelChildren(scope);
                CompleteScope(scope);
                break;
            case EndEventKind.Error:
                var code = end.Error?.ErrorCode ?? end.Error?.ErrorRef ?? string.Empty;
                Record(HistoryEventType.ErrorThrown, end.Id, execution.Id, data: new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["errorCode"] = Json(code) });
                RaiseError(execution, Parent(execution), code, $"end event '{end.Id}' of process '{Process.Key}'", end.Error?.ErrorMessage);
                break;
            case EndEventKind.Signal or EndEventKind.Escalation:
                if (Throw(execution, end, end.Throws!))
                {
                    EndPath(execution, end);
                }

                break;
            default:
                EndPath(execution, end);
                break;
        }
    }

    /// <summary>A none end event (or a throwing one, after its throw) consumes the token.</summary>
    private void EndPath(Execution execution, EndEvent end)
    {
        Record(HistoryEventType.NodeLeft, end.Id, execution.Id);
        var parentId = execution.ParentId!;
        RemoveExecution(execution);
        TryCompleteScope(parentId);
    }

    /// <summary>Completes the scope when its last token has gone.</summary>
    private void TryCompleteScope(string scopeId)
    {
        if (!HasChildren(scopeId) && Find(scopeId) is { } scope)
        {
            CompleteScope(scope);
        }
    }

    /// <summary>A scope with no tokens left: the instance completes, or the subprocess activity completes.</summary>
    private void CompleteScope(Execution scope)
    {
        ReleaseEventSubprocessStarts(scope);
        if (scope.Kind != ExecutionKind.Root)
        {
            scope.Status = ExecutionStatus.Waiting;
            CompleteActivity(scope);
            return;
        }

        ResolveIncidentsOf(scope);
        RemoveExecution(scope);
        State.Status = InstanceStatus.Completed;
        Record(HistoryEventType.InstanceCompleted, Process.Key, scope.Id);
        if (State.ParentInstanceId is { } parentInstanceId && State.ParentExecutionId is { } parentExecutionId)
        {
            Emit(new NotifyParentIntent(parentInstanceId, parentExecutionId, new Dictionary<string, JsonElement>(State.Variables, StringComparer.Ordinal)));
        }
    }

    /// <summary>Removes every execution below <paramref name="scope"/> with all it waits for.</summary>
    private void CancelChildren(Execution scope)
    {
        if (!HasChildren(scope.Id))
        {
            return;
        }

        for (var i = State.Executions.Count - 1; i >= 0; i--)
        {
            if (i < State.Executions.Count && State.Executions[i].ParentId == scope.Id)
            {
                CancelSubtree(Own(State.Executions[i]));
            }
        }
    }

    /// <summary>
    /// Removes an execution and everything below it: tokens, user tasks, timers, subscriptions, jobs,
    /// incidents and child instances (architecture "Scopes").
    /// </summary>
    private void CancelSubtree(Execution execution)
    {
        CancelChildren(execution);
        for (var i = State.Tasks.Count - 1; i >= 0; i--)
        {
            var task = State.Tasks[i];
            if (task.ExecutionId == execution.Id)
            {
                State.Tasks.RemoveAt(i);
                Emit(new CancelUserTaskIntent(task.Id));
                Record(HistoryEventType.TaskCancelled, task.NodeId, execution.Id, task.Id);
            }
        }

        for (var i = State.Jobs.Count - 1; i >= 0; i--)
        {
            if (State.Jobs[i].ExecutionId == execution.Id)
            {
                Emit(new CancelServiceTaskIntent(State.Jobs[i].Id, State.Jobs[i].Topic));
                State.Jobs.RemoveAt(i);
            }
        }

        ResolveIncidentsOf(execution);
        ReleaseWaits(execution);
        if (execution.WaitingForChild)
        {
            Emit(new CancelChildInstanceIntent(execution.Id));
        }

        if (execution.Kind != ExecutionKind.Root && !InTransit(execution))
        {
            Record(HistoryEventType.NodeCancelled, execution.NodeId, execution.Id);
        }

        RemoveExecution(execution);
    }

    /// <summary>Closes the incidents held by an execution that goes away.</summary>
    private void ResolveIncidentsOf(Execution execution)
    {
        for (var i = State.Incidents.Count - 1; i >= 0; i--)
        {
            if (State.Incidents[i].ExecutionId == execution.Id)
            {
                Emit(new ResolveIncidentIntent(State.Incidents[i].Id));
                Record(HistoryEventType.IncidentResolved, State.Incidents[i].NodeId, execution.Id, State.Incidents[i].Id);
                State.Incidents.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Throws a BPMN error from <paramref name="from"/> outward (BPMN 2.0.2 §10.5.4). Uncaught in a
    /// called process, it leaves it (§10.4.3, as Camunda 7's
    /// <c>BoundaryErrorEventTest.testCatchErrorOnCallActivity</c>): this instance ends (cancelled, with the
    /// error in its history) and the calling instance's call activity receives the error. Uncaught at the
    /// top, an <see cref="IncidentKind.UnhandledError"/> incident holds <paramref name="thrower"/>.
    /// </summary>
    /// <param name="thrower">The token that threw (an error end event, a service task, a call activity).</param>
    /// <param name="from">Where the search for a boundary event starts.</param>
    /// <param name="errorCode">The error code.</param>
    /// <param name="origin">What threw it, for people (e.g. <c>end event 'fail' of process 'working-group'</c>).</param>
    /// <param name="errorMessage">The error's message for a catch's <c>camunda:errorMessageVariable</c>, or <see langword="null"/>.</param>
    private void RaiseError(Execution thrower, Execution? from, string errorCode, string origin, string? errorMessage = null)
    {
        if (ThrowError(from, errorCode, errorMessage, thrower.NodeId))
        {
            return;
        }

        if (State.ParentInstanceId is { } parentInstanceId && State.ParentExecutionId is { } parentExecutionId)
        {
            var root = Own(State.Executions.Find(e => e.Kind == ExecutionKind.Root)!);
            CancelSubtree(root);
            State.Status = InstanceStatus.Cancelled;
            Record(HistoryEventType.InstanceCancelled, Process.Key, root.Id, data: new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                ["reason"] = Json($"Error '{errorCode}' thrown by {origin} is not caught in this called process; it goes to the calling instance."),
                ["errorCode"] = Json(errorCode),
            });
            Emit(new PropagateErrorIntent(parentInstanceId, parentExecutionId, errorCode, origin, errorMessage));
            return;
        }

        RaiseIncident(thrower, IncidentKind.UnhandledError, RetryAction.Enter, $"Error '{errorCode}' thrown by {origin} is caught by no error boundary event.");
    }

    /// <summary>
    /// Propagates a BPMN error from <paramref name="from"/> outward to the nearest scope with a matching
    /// error event subprocess or activity with a matching error boundary event (BPMN 2.0.2 §10.3.5, §10.5.4),
    /// innermost first: a subprocess's own event subprocesses before its boundary events, as Camunda 7. An error event
    /// subprocess that encloses <paramref name="throwerNodeId"/> does not catch it (Camunda 7's
    /// <c>ErrorDeclarationForProcessInstanceFinder.isReThrowingErrorEventSubprocess</c>): an error thrown inside an
    /// error event subprocess goes on outward instead of starting that event subprocess again.
    /// </summary>
    /// <returns><see langword="false"/> when nothing catches it.</returns>
    private bool ThrowError(Execution? from, string errorCode, string? errorMessage, string throwerNodeId)
    {
        for (var current = from; current is not null; current = Parent(current))
        {
            if (CatchErrorInEventSubprocess(current, errorCode, errorMessage, throwerNodeId))
            {
                return true;
            }

            if (current.Kind is ExecutionKind.MultiInstanceItem or ExecutionKind.Root)
            {
                continue;
            }

            foreach (var boundary in Process.Boundaries(current.NodeId))
            {
                if (boundary.Definition is ErrorEventDefinition error && (error.ErrorCode is null || error.ErrorCode == errorCode))
                {
                    var parentId = current.ParentId;
                    CancelSubtree(current);
                    SetErrorVariables(Find(parentId!), error, errorCode, errorMessage);
                    Schedule(NewExecution(parentId, boundary.Id, ExecutionKind.Token), boundary.Id, null);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Cancels the instance: every execution and all it waits for.</summary>
    public void CancelInstance(string? actor, string? reason)
    {
        var root = State.Executions.Find(e => e.Kind == ExecutionKind.Root);
        if (root is not null)
        {
            CancelSubtree(Own(root));
        }

        State.Status = InstanceStatus.Cancelled;
        Record(HistoryEventType.InstanceCancelled, Process.Key, root?.Id, actor: actor,
            data: reason is null ? null : new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["reason"] = Json(reason) });
    }
}
