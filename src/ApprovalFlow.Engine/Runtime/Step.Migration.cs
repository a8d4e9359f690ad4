using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Instance migration on the target version's step: the executions are on their target nodes already
/// (<see cref="MigrationCheck.Rewrite"/>); this moves what they wait for.
/// </summary>
internal sealed partial class Step
{
    /// <summary>
    /// Moves the user tasks, jobs, timers and message subscriptions of each moved execution (and the event
    /// subprocess waits of the instance scope) to the target version and records <see cref="HistoryEventType.InstanceMigrated"/>.
    /// </summary>
    public MigrationOutcome.Migrated Migrate(NodeMapping mapping, IReadOnlyList<TokenMove> moves, string? actor)
    {
        var root = Own(State.Executions.Find(e => e.Kind == ExecutionKind.Root)!);
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            pairs[move.FromNodeId] = move.ToNodeId;
        }

        Record(HistoryEventType.InstanceMigrated, Process.Key, root.Id, actor: actor, data: new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["fromVersion"] = Json(mapping.Source.Version),
            ["toVersion"] = Json(mapping.Target.Version),
            ["mapping"] = JsonSerializer.SerializeToElement(pairs),
        });
        var kept = new List<string>();
        var replaced = new List<TaskReplacement>();
        foreach (var move in moves)
        {
            var execution = Find(move.ExecutionId)!;
            MoveTasks(execution, move, kept, replaced);
            MoveJobs(execution);
            MoveWaits(mapping, execution);
        }

        MoveWaits(mapping, root);

        return new MigrationOutcome.Migrated(
            Result(), moves, kept, replaced, [.. _intents.OfType<CancelTimerIntent>().Select(c => c.TimerId)], [.. _intents.OfType<ScheduleTimerIntent>()]);
    }

    /// <summary>
    /// A task whose token stays on the same user task is kept as it is (id, assignee, candidates, dates);
    /// a token mapped to another user task gets that task, created per the target, and the old one is cancelled.
    /// </summary>
    private void MoveTasks(Execution execution, TokenMove move, List<string> kept, List<TaskReplacement> replaced)
    {
        var task = State.Tasks.Find(t => t.ExecutionId == execution.Id);
        if (task is null)
        {
            return;
        }

        if (move.FromNodeId == move.ToNodeId)
        {
            kept.Add(task.Id);
            return;
        }

        State.Tasks.Remove(task);
        Emit(new CancelUserTaskIntent(task.Id));
        Record(HistoryEventType.TaskCancelled, task.NodeId, execution.Id, task.Id);
        CreateUserTask(execution, (UserTask)Process.Node(move.ToNodeId));
        replaced.Add(new TaskReplacement(task.Id, State.Tasks.Find(t => t.ExecutionId == execution.Id)?.Id));
    }

    /// <summary>A waiting service-task job keeps its id and topic and points at the target node.</summary>
    private void MoveJobs(Execution execution)
    {
        for (var i = 0; i < State.Jobs.Count; i++)
        {
            if (State.Jobs[i].ExecutionId == execution.Id && State.Jobs[i].NodeId != execution.NodeId)
            {
                State.Jobs[i] = State.Jobs[i] with { NodeId = execution.NodeId };
            }
        }
    }

    /// <summary>
    /// Timers whose event keeps its id and definition in the target are kept (the deadline does not
    /// restart); other timers are cancelled and the target's are scheduled from now. Subscriptions move
    /// to the mapped event when it waits for the same message (or a signal); others are replaced.
    /// </summary>
    private void MoveWaits(NodeMapping mapping, Execution execution)
    {
        var desired = DesiredWaits(execution);
        EventDefinition? Wanted(string nodeId) => desired.Find(w => w.NodeId == nodeId).Definition;
        for (var i = State.Timers.Count - 1; i >= 0; i--)
        {
            var timer = State.Timers[i];
            if (timer.ExecutionId == execution.Id
                && !SameTimer(mapping.Source.Node(timer.NodeId), Wanted(timer.NodeId)))
            {
                Emit(new CancelTimerIntent(timer.Id));
                State.Timers.RemoveAt(i);
            }
        }

        for (var i = State.Subscriptions.Count - 1; i >= 0; i--)
        {
            var subscription = State.Subscriptions[i];
            if (subscription.ExecutionId != execution.Id)
            {
                continue;
            }

            if (mapping.TargetOf(subscription.NodeId) is { } to
                && Wanted(to) is MessageEventDefinition { MessageName: var name } && name == subscription.MessageName)
            {
                State.Subscriptions[i] = subscription with { NodeId = to };
                continue;
            }

            Emit(new UnsubscribeMessageIntent(subscription.Id, subscription.MessageName));
            State.Subscriptions.RemoveAt(i);
        }

        for (var i = State.SignalSubscriptions.Count - 1; i >= 0; i--)
        {
            var subscription = State.SignalSubscriptions[i];
            if (subscription.ExecutionId != execution.Id)
            {
                continue;
            }

            if (mapping.TargetOf(subscription.NodeId) is { } to && Wanted(to) is SignalEventDefinition)
            {
                State.SignalSubscriptions[i] = subscription with { NodeId = to };
                continue;
            }

            Emit(new UnsubscribeSignalIntent(subscription.Id));
            State.SignalSubscriptions.RemoveAt(i);
        }

        MoveConditionalWaits(mapping, execution, Wanted);
        foreach (var (nodeId, definition) in desired)
        {
            Wait(execution, nodeId, definition);
        }
    }

    /// <summary>What an execution at its (target) node waits for, by event node id, in document order.</summary>
    private List<(string NodeId, EventDefinition Definition)> DesiredWaits(Execution execution)
    {
        var waits = EventSubprocessWaits(execution);
        if (execution.Kind == ExecutionKind.Root)
        {
            return waits;
        }

        var node = Process.Node(execution.NodeId);
        if (execution.Status == ExecutionStatus.Joining)
        {
            return waits;
        }

        if (execution.Kind is ExecutionKind.Token or ExecutionKind.MultiInstanceBody)
        {
            waits.AddRange(Process.Boundaries(node.Id).Select(b => (b.Id, b.Definition)));
        }

        if (execution.Kind == ExecutionKind.MultiInstanceBody)
        {
            return waits;
        }

        if (node is EventBasedGateway gateway)
        {
            foreach (var flow in Process.Outgoing(gateway.Id))
            {
                AddEventOf(waits, Process.Node(flow.TargetRef));
            }
        }
        else
        {
            AddEventOf(waits, node);
        }

        return waits;
    }

    /// <summary>Adds the event a catch event or receive task waits for; other nodes wait for none.</summary>
    private static void AddEventOf(List<(string NodeId, EventDefinition Definition)> waits, FlowNode node)
    {
        switch (node)
        {
            case IntermediateCatchEvent catchEvent:
                waits.Add((catchEvent.Id, catchEvent.Definition));
                break;
            case ReceiveTask receive:
                waits.Add((receive.Id, new MessageEventDefinition(receive.MessageName, receive.MessageName)));
                break;
        }
    }

    /// <summary>A source timer event that the target keeps unchanged (same kind and expression).</summary>
    private static bool SameTimer(FlowNode source, EventDefinition? wanted)
    {
        var definition = source switch
        {
            BoundaryEvent b => b.Definition,
            IntermediateCatchEvent c => c.Definition,
            StartEvent s => s.Trigger,
            _ => null,
        };
        return definition is TimerEventDefinition a && wanted is TimerEventDefinition b2 && a.Kind == b2.Kind && a.Value.Text == b2.Value.Text;
    }
}
