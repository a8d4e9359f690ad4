using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Event subprocesses (BPMN 2.0.2 §10.3.5, as Camunda 7): while a scope (the instance or an embedded
/// subprocess execution) runs, it waits for the message, timer and signal starts of its event subprocesses;
/// errors and escalations thrown inside it are offered to its error and escalation starts before the
/// boundary events of enclosing activities. An interrupting start cancels everything else in the scope
/// first; a non-interrupting one runs beside it, as often as its event occurs. The scope completes when
/// every path, event subprocess instances included, has ended.
/// </summary>
internal sealed partial class Step
{
    /// <summary>Whether <paramref name="execution"/> opens a scope that may hold event subprocesses.</summary>
    private bool IsScope(Execution execution) =>
        execution.Kind == ExecutionKind.Root
        || (execution is { Status: ExecutionStatus.Scope, Kind: ExecutionKind.Token or ExecutionKind.MultiInstanceItem } && Process.Node(execution.NodeId) is SubProcess);

    /// <summary>The process id for the root, otherwise the subprocess id the scope execution runs.</summary>
    private string ScopeNodeId(Execution scope) => scope.Kind == ExecutionKind.Root ? Process.Key : scope.NodeId;

    /// <summary>
    /// The scope starts: it waits for the message, timer and signal starts of its event subprocesses. Their
    /// <c>${...}</c> timers, signal names and message names are evaluated now, with the scope's variables (as
    /// Camunda 7 creates the subscriptions of an event scope when it is entered).
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when one failed: the waits made so far are removed again and an
    /// <see cref="IncidentKind.Expression"/> incident holds <paramref name="scope"/> (<see cref="RetryScopeEntry"/>).
    /// </returns>
    private bool SubscribeEventSubprocesses(Execution scope)
    {
        foreach (var start in Process.EventSubprocessStarts(ScopeNodeId(scope)))
        {
            if (!SubscribeStart(scope, start))
            {
                ReleaseStartsOf(scope);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Subscribes one event subprocess start, by kind of trigger. Error and escalation starts need no
    /// subscription: they are found when something throws (<see cref="CatchErrorInEventSubprocess"/>).
    /// </summary>
    /// <returns><see langword="false"/> when its timer, signal name or message name expression failed (an incident holds <paramref name="scope"/>).</returns>
    private bool SubscribeStart(Execution scope, StartEvent start)
    {
        switch (start.Trigger)
        {
            case TimerEventDefinition timer:
                return ScheduleTimer(scope, start.Id, timer);
            case MessageEventDefinition message:
                return Subscribe(scope, start.Id, message.MessageName);
            case SignalEventDefinition signal:
                return SubscribeSignal(scope, start.Id, signal);
            case ConditionalEventDefinition:
                SubscribeConditionalStart(scope, start);
                return true;
            default:
                return true;
        }
    }

    /// <summary>Cancels the waits of <paramref name="scope"/> for its event subprocess starts (it ends, or one interrupts it).</summary>
    private void ReleaseEventSubprocessStarts(Execution scope)
    {
        if (IsScope(scope))
        {
            ReleaseStartsOf(scope);
        }
    }

    /// <summary>Cancels the timers and subscriptions <paramref name="scope"/> holds for its event subprocess starts.</summary>
    private void ReleaseStartsOf(Execution scope)
    {
        var starts = Process.EventSubprocessStarts(ScopeNodeId(scope)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (starts.Count == 0)
        {
            return;
        }

        for (var i = State.Timers.Count - 1; i >= 0; i--)
        {
            if (State.Timers[i] is var timer && timer.ExecutionId == scope.Id && starts.Contains(timer.NodeId))
            {
                Emit(new CancelTimerIntent(timer.Id));
                State.Timers.RemoveAt(i);
            }
        }

        for (var i = State.Subscriptions.Count - 1; i >= 0; i--)
        {
            if (State.Subscriptions[i] is var subscription && subscription.ExecutionId == scope.Id && starts.Contains(subscription.NodeId))
            {
                Emit(new UnsubscribeMessageIntent(subscription.Id, subscription.MessageName));
                State.Subscriptions.RemoveAt(i);
            }
        }

        for (var i = State.SignalSubscriptions.Count - 1; i >= 0; i--)
        {
            if (State.SignalSubscriptions[i] is var subscription && subscription.ExecutionId == scope.Id && starts.Contains(subscription.NodeId))
            {
                Emit(new UnsubscribeSignalIntent(subscription.Id));
                State.SignalSubscriptions.RemoveAt(i);
            }
        }

        State.ConditionalSubscriptions.RemoveAll(s => s.ExecutionId == scope.Id && starts.Contains(s.NodeId));
    }

    /// <summary>
    /// The trigger of <paramref name="start"/> occurred in <paramref name="scope"/>: an interrupting start
    /// first cancels everything else in the scope (tokens, user tasks, timers, subscriptions, jobs, child
    /// instances, other event subprocess instances and starts); then a new execution runs the event subprocess.
    /// </summary>
    private void TriggerEventSubprocess(Execution scope, StartEvent start)
    {
        if (start.IsInterrupting)
        {
            ReleaseEventSubprocessStarts(scope);
            CancelChildren(scope);
        }

        Schedule(NewExecution(scope.Id, start.ScopeId, ExecutionKind.Token), start.ScopeId, null);
    }

    /// <summary>A timer of an event subprocess start fired; a non-interrupting cycle schedules its next firing.</summary>
    private void FireEventSubprocessTimer(Execution scope, StartEvent start, PendingTimer timer)
    {
        if (!start.IsInterrupting && timer.RemainingRepetitions is not 0 && timer.Interval is { } interval)
        {
            AddTimer(NewTimer(scope, start.Id, Add(timer.DueAt, ParsePeriod(interval)), timer.RemainingRepetitions - 1, interval));
        }

        TriggerEventSubprocess(scope, start);
    }

    /// <summary>
    /// Offers a thrown error to the error event subprocesses of the scope <paramref name="scope"/> opens: the one
    /// for the error's code before a catch-all one (BPMN 2.0.2 §10.3.5; Camunda 7 <c>ErrorEventSubProcessTest</c>). An
    /// event subprocess enclosing <paramref name="throwerNodeId"/>, at any depth, is skipped (Camunda 7
    /// <c>isReThrowingErrorEventSubprocess</c>: the handler must not be an ancestor flow scope of the thrower).
    /// </summary>
    /// <returns><see langword="true"/> when one caught it (and interrupted the scope).</returns>
    private bool CatchErrorInEventSubprocess(Execution scope, string errorCode, string? errorMessage, string throwerNodeId)
    {
        if (!IsScope(scope))
        {
            return false;
        }

        var catchers = Process.EventSubprocessStarts(ScopeNodeId(scope))
            .Where(s => s.Trigger is ErrorEventDefinition e && (e.ErrorCode is null || e.ErrorCode == errorCode) && !Encloses(s.ScopeId, throwerNodeId))
            .ToList();
        var start = catchers.Find(s => ((ErrorEventDefinition)s.Trigger!).ErrorCode is not null) ?? catchers.FirstOrDefault();
        if (start is null)
        {
            return false;
        }

        TriggerEventSubprocess(scope, start);
        SetErrorVariables(scope, (ErrorEventDefinition)start.Trigger!, errorCode, errorMessage);
        return true;
    }

    /// <summary>Whether the subprocess <paramref name="subProcessId"/> holds <paramref name="nodeId"/>, directly or in a subprocess inside it.</summary>
    private bool Encloses(string subProcessId, string nodeId)
    {
        for (var scopeId = Process.Node(nodeId).ScopeId; scopeId != Process.Key; scopeId = Process.Node(scopeId).ScopeId)
        {
            if (scopeId == subProcessId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Offers a thrown escalation to the escalation event subprocesses of the scope <paramref name="scope"/> opens:
    /// the one for its code before a catch-all one (Camunda 7 <c>EscalationEventSubprocessTest</c>). A
    /// non-interrupting catch lets the thrower go on; an interrupting one cancels the scope's other work. The event
    /// subprocess <paramref name="throwerScopeId"/> (the thrower's own flow scope) is skipped.
    /// </summary>
    /// <returns>The catching start event's id, or <see langword="null"/>.</returns>
    private string? CatchEscalationInEventSubprocess(Execution scope, string? code, string throwerScopeId)
    {
        if (!IsScope(scope))
        {
            return null;
        }

        var catchers = Process.EventSubprocessStarts(ScopeNodeId(scope))
            .Where(s => s.Trigger is EscalationEventDefinition e && (e.EscalationCode is null || e.EscalationCode == code) && s.ScopeId != throwerScopeId)
            .ToList();
        var start = catchers.Find(s => ((EscalationEventDefinition)s.Trigger!).EscalationCode is not null) ?? catchers.FirstOrDefault();
        if (start is null)
        {
            return null;
        }

        if (((EscalationEventDefinition)start.Trigger!).CodeVariable is { } variable)
        {
            SetVariables(scope, new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [variable] = JsonSerializer.SerializeToElement(code) });
        }

        TriggerEventSubprocess(scope, start);
        return start.Id;
    }

    /// <summary>
    /// What a scope execution waits for on behalf of its event subprocesses (migration re-derives its waits from
    /// the target version): its message, timer, signal and conditional starts; empty for any other execution.
    /// </summary>
    private List<(string NodeId, EventDefinition Definition)> EventSubprocessWaits(Execution execution) =>
        IsScope(execution)
            ? [.. Process.EventSubprocessStarts(ScopeNodeId(execution))
                .Where(s => s.Trigger is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ConditionalEventDefinition)
                .Select(s => (s.Id, s.Trigger!))]
            : [];
}
