using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Signals (BPMN 2.0.2 §10.5.5): subscriptions of catch and boundary events, throws and deliveries. A
/// thrown signal is global, as in Camunda 7: this instance's own subscriptions receive it within the
/// step, every other instance through the host (<see cref="ThrowSignalIntent"/>).
/// </summary>
internal sealed partial class Step
{
    private bool SubscribeSignal(Execution execution, string nodeId, SignalEventDefinition signal)
    {
        if (State.SignalSubscriptions.Exists(s => s.ExecutionId == execution.Id && s.NodeId == nodeId))
        {
            return true;
        }

        if (!TryString(execution, signal.SignalName, out var name, out var error) || string.IsNullOrEmpty(name))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter,
                $"Signal event '{nodeId}': {(error.Length > 0 ? error : $"the signal name '{signal.SignalName.Text}' gave no name.")}");
            return false;
        }

        var subscription = new SignalSubscription { Id = NewId("s"), ExecutionId = execution.Id, NodeId = nodeId, SignalName = name };
        State.SignalSubscriptions.Add(subscription);
        Emit(new SubscribeSignalIntent(subscription.Id, name, nodeId));
        return true;
    }

    /// <summary>
    /// Throws the signal of a throw or end event: delivered at once to this instance's subscriptions with
    /// its name (those existing now), then handed to the host for every other instance.
    /// </summary>
    /// <returns><see langword="false"/> when the name or variables failed and an incident now holds the token.</returns>
    private bool ThrowSignal(Execution execution, FlowNode node, SignalEventDefinition signal)
    {
        if (!TryString(execution, signal.SignalName, out var name, out var error)
            || !TryMap(signal.In, Visible(execution), out var variables, out error)
            || string.IsNullOrEmpty(name))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter,
                $"Signal event '{node.Id}': {(error.Length > 0 ? error : $"the signal name '{signal.SignalName.Text}' gave no name.")}");
            return false;
        }

        Record(HistoryEventType.SignalThrown, node.Id, execution.Id, data: new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["signalName"] = Json(name) });
        foreach (var subscription in State.SignalSubscriptions.Where(s => s.SignalName == name).ToList())
        {
            if (State.SignalSubscriptions.Contains(subscription))
            {
                ReceiveSignal(subscription, variables, null, null);
            }
        }

        Emit(new ThrowSignalIntent(name, variables, node.Id));
        return true;
    }

    /// <summary>A broadcast signal arrives: each listed subscription that still waits receives it, in creation order.</summary>
    public void DeliverSignal(Commands.DeliverSignal command)
    {
        var targets = State.SignalSubscriptions
            .Where(s => s.SignalName == command.SignalName && (command.SubscriptionIds is null || command.SubscriptionIds.Contains(s.Id)))
            .ToList();
        foreach (var subscription in targets)
        {
            if (State.SignalSubscriptions.Contains(subscription))
            {
                ReceiveSignal(subscription, command.Variables, command.DeliveryId, command.Actor);
            }
        }
    }

    /// <summary>
    /// One subscription receives a signal: its variables are set from the waiting execution, then a
    /// boundary event triggers (a non-interrupting one keeps waiting) or the catch event completes.
    /// </summary>
    private void ReceiveSignal(SignalSubscription subscription, IReadOnlyDictionary<string, JsonElement>? variables, string? deliveryId, string? actor)
    {
        var owner = Find(subscription.ExecutionId)!;
        var node = Process.Node(subscription.NodeId);
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["signalName"] = Json(subscription.SignalName) };
        if (deliveryId is not null)
        {
            data["deliveryId"] = Json(deliveryId);
        }

        Record(HistoryEventType.SignalReceived, node.Id, owner.Id, subscription.Id, actor, data);
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

        State.SignalSubscriptions.Remove(subscription);
        Emit(new UnsubscribeSignalIntent(subscription.Id));
        if (node is BoundaryEvent boundary)
        {
            TriggerBoundary(owner, boundary);
            return;
        }

        EventOccurred(owner, node);
    }

    /// <summary>Cancels the signal subscriptions an execution owns.</summary>
    private void ReleaseSignalWaits(Execution execution)
    {
        for (var i = State.SignalSubscriptions.Count - 1; i >= 0; i--)
        {
            if (State.SignalSubscriptions[i].ExecutionId == execution.Id)
            {
                Emit(new UnsubscribeSignalIntent(State.SignalSubscriptions[i].Id));
                State.SignalSubscriptions.RemoveAt(i);
            }
        }
    }
}
