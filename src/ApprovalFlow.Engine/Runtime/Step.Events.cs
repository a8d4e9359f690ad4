using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Timers;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Timers, messages and boundary events (BPMN 2.0.2 §10.5, §13.5).</summary>
internal sealed partial class Step
{
    /// <summary>Subscribes the activity's token to its boundary events (idempotent), then fires the conditional ones whose condition holds.</summary>
    /// <returns><see langword="false"/> when a timer or condition failed and an incident now holds the token, or an interrupting conditional event ended the activity.</returns>
    private bool AttachBoundaries(Execution execution, Activity activity)
    {
        foreach (var boundary in Process.Boundaries(activity.Id))
        {
            if (!Wait(execution, boundary.Id, boundary.Definition))
            {
                return false;
            }
        }

        return TriggerConditionalBoundaries(execution, activity);
    }

    /// <summary>Waits for a timer, message, signal or conditional event at <paramref name="nodeId"/>; errors and escalations need no wait.</summary>
    private bool Wait(Execution execution, string nodeId, EventDefinition definition) => definition switch
    {
        TimerEventDefinition timer => ScheduleTimer(execution, nodeId, timer),
        MessageEventDefinition message => Subscribe(execution, nodeId, message.MessageName),
        SignalEventDefinition signal => SubscribeSignal(execution, nodeId, signal),
        ConditionalEventDefinition => SubscribeConditional(execution, nodeId),
        _ => true,
    };

    private bool ScheduleTimer(Execution execution, string nodeId, TimerEventDefinition timer)
    {
        if (State.Timers.Exists(t => t.ExecutionId == execution.Id && t.NodeId == nodeId))
        {
            return true;
        }

        if (!TryString(execution, timer.Value, out var text, out var error))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Timer '{nodeId}': {error}");
            return false;
        }

        if (!TimerScheduleParser.TryParse(timer.Kind, text ?? string.Empty, out var schedule, out var parseError))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Timer '{nodeId}': '{timer.Value.Text}' gave '{text}': {parseError}");
            return false;
        }

        var pending = schedule switch
        {
            DurationSchedule d => NewTimer(execution, nodeId, Add(Now, d.Duration), 0, null),
            DateSchedule d => NewTimer(execution, nodeId, ToInstant(d), 0, null),
            CycleSchedule c => NewTimer(
                execution,
                nodeId,
                c.Start is { } start ? Max(ToInstant(start), Now) : Add(Now, c.Interval),
                c.Repetitions - 1,
                Format(c.Interval)),
            _ => throw new InvalidOperationException($"Unknown timer schedule {schedule}."),
        };
        AddTimer(pending);
        return true;
    }

    private PendingTimer NewTimer(Execution execution, string nodeId, DateTimeOffset dueAt, int? remaining, string? interval) => new()
    {
        Id = NewId("tm"),
        ExecutionId = execution.Id,
        NodeId = nodeId,
        DueAt = dueAt.ToUniversalTime(),
        RemainingRepetitions = remaining,
        Interval = interval,
    };

    private void AddTimer(PendingTimer timer)
    {
        State.Timers.Add(timer);
        Emit(new ScheduleTimerIntent(timer.Id, timer.NodeId, timer.DueAt));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private bool Subscribe(Execution execution, string nodeId, string messageName)
    {
        if (State.Subscriptions.Exists(s => s.ExecutionId == execution.Id && s.NodeId == nodeId))
        {
            return true;
        }

        if (!TryMessageName(execution, nodeId, messageName, out var name))
        {
            return false;
        }

        var subscription = new MessageSubscription { Id = NewId("s"), ExecutionId = execution.Id, NodeId = nodeId, MessageName = name };
        State.Subscriptions.Add(subscription);
        Emit(new SubscribeMessageIntent(subscription.Id, name, nodeId));
        return true;
    }

    /// <summary>Cancels the timers, message, signal and conditional subscriptions an execution owns (it leaves or is cancelled).</summary>
    private void ReleaseWaits(Execution execution)
    {
        ReleaseSignalWaits(execution);
        ReleaseConditionalWaits(execution);
        for (var i = State.Timers.Count - 1; i >= 0; i--)
        {
            if (State.Timers[i].ExecutionId == execution.Id)
            {
                Emit(new CancelTimerIntent(State.Timers[i].Id));
                State.Timers.RemoveAt(i);
            }
        }

        for (var i = State.Subscriptions.Count - 1; i >= 0; i--)
        {
            var subscription = State.Subscriptions[i];
            if (subscription.ExecutionId == execution.Id)
            {
                Emit(new UnsubscribeMessageIntent(subscription.Id, subscription.MessageName));
                State.Subscriptions.RemoveAt(i);
            }
        }
    }

    /// <summary>A timer fires: a boundary event acts, a catch event completes, or an event-based gateway decides.</summary>
    public void FireTimer(PendingTimer timer)
    {
        State.Timers.Remove(timer);
        var owner = Find(timer.ExecutionId)!;
        Record(HistoryEventType.TimerFired, timer.NodeId, owner.Id, timer.Id);
        var node = Process.Node(timer.NodeId);
        if (node is BoundaryEvent boundary)
        {
            if (!boundary.CancelActivity && timer.RemainingRepetitions is not 0 && timer.Interval is { } interval)
            {
                AddTimer(NewTimer(owner, boundary.Id, Add(timer.DueAt, ParsePeriod(interval)), timer.RemainingRepetitions - 1, interval));
            }

            TriggerBoundary(owner, boundary);
            return;
        }

        if (node is StartEvent { Trigger: not null } eventSubprocessStart)
        {
            FireEventSubprocessTimer(owner, eventSubprocessStart, timer);
            return;
        }

        EventOccurred(owner, node);
    }

    /// <summary>A message arrives for a subscription.</summary>
    public void DeliverMessage(MessageSubscription subscription, IReadOnlyDictionary<string, JsonElement>? variables, string? actor)
    {
        var owner = Find(subscription.ExecutionId)!;
        var node = Process.Node(subscription.NodeId);
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["messageName"] = Json(subscription.MessageName) };
        if (variables is { Count: > 0 })
        {
            data["variables"] = JsonSerializer.SerializeToElement(variables);
        }

        Record(HistoryEventType.MessageCorrelated, node.Id, owner.Id, subscription.Id, actor, data);
        SetVariables(owner, variables);
        if (node is StartEvent { Trigger: not null } eventSubprocessStart)
        {
            TriggerEventSubprocess(owner, eventSubprocessStart);
            return;
        }

        if (node is BoundaryEvent { CancelActivity: false } nonInterrupting)
        {
            TriggerBoundary(owner, nonInterrupting);
            return;
        }

        State.Subscriptions.Remove(subscription);
        Emit(new UnsubscribeMessageIntent(subscription.Id, subscription.MessageName));
        if (node is BoundaryEvent boundary)
        {
            TriggerBoundary(owner, boundary);
            return;
        }

        EventOccurred(owner, node);
    }

    /// <summary>
    /// A boundary event occurs: interrupting cancels the activity and everything inside it; both
    /// kinds start a new token at the boundary event in the activity's enclosing scope (§13.5.3).
    /// </summary>
    private void TriggerBoundary(Execution activityExecution, BoundaryEvent boundary)
    {
        var parentId = activityExecution.ParentId;
        if (boundary.CancelActivity)
        {
            CancelSubtree(activityExecution);
        }

        Schedule(NewExecution(parentId, boundary.Id, ExecutionKind.Token), boundary.Id, null);
    }

    /// <summary>A catch event or receive task's event occurred, directly or after an event-based gateway.</summary>
    private void EventOccurred(Execution owner, FlowNode node)
    {
        if (owner.NodeId != node.Id)
        {
            var gatewayId = owner.NodeId;
            ReleaseWaits(owner);
            Record(HistoryEventType.NodeLeft, gatewayId, owner.Id);
            owner.ArrivedVia = Process.Outgoing(gatewayId).First(f => f.TargetRef == node.Id).Id;
            owner.NodeId = node.Id;
            Record(HistoryEventType.NodeEntered, node.Id, owner.Id);
        }

        if (node is ReceiveTask)
        {
            CompleteActivity(owner);
        }
        else
        {
            Leave(owner, node);
        }
    }
}
