using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.Migration;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Conditional events (BPMN 2.0.2 §10.5.5) as Camunda 7 runs them: the condition is evaluated when its
/// scope is entered (an intermediate catch event is reached, an activity with conditional boundary events
/// starts) and, while the event waits, again within the same step after each change of a variable visible
/// to it ("scoped" and "top-down": a change in the process scope concerns every waiting event, a change in
/// a local scope only the events inside it; outer events are evaluated first). The conditional start of an
/// event subprocess waits while its enclosing scope runs and is first evaluated before the scope's none start
/// event moves; it fires at most once for an interrupting start, once per satisfying change otherwise. A command that sets several
/// variables at once is one change. Changes are dispatched before the changing token leaves its node and
/// before the next queued token moves, so a task's own output can still trigger its boundary events.
/// </summary>
internal sealed partial class Step
{
    /// <summary>Variable changes not yet dispatched: one batch per <see cref="SetVariables"/> call, oldest first.</summary>
    private readonly List<List<VariableChange>> _variableChanges = [];

    /// <summary>Conditional event subprocess starts of scopes just entered, to evaluate before the scope's first token moves.</summary>
    private readonly List<(Execution Scope, StartEvent Start)> _enteredStarts = [];

    private bool SubscribeConditional(Execution execution, string nodeId)
    {
        if (!State.ConditionalSubscriptions.Exists(s => s.ExecutionId == execution.Id && s.NodeId == nodeId))
        {
            State.ConditionalSubscriptions.Add(new ConditionalSubscription { Id = NewId("c"), ExecutionId = execution.Id, NodeId = nodeId });
        }

        return true;
    }

    /// <summary>
    /// A scope with a conditional event subprocess start begins: it subscribes, and the condition is evaluated
    /// before the scope's none start event runs (Camunda 7's triggering on scope instantiation).
    /// </summary>
    private void SubscribeConditionalStart(Execution scope, StartEvent start)
    {
        SubscribeConditional(scope, start.Id);
        _enteredStarts.Add((scope, start));
    }

    /// <summary>Evaluates the conditional starts of scopes just entered; one that holds starts its event subprocess.</summary>
    private void TriggerEnteredStarts()
    {
        while (_enteredStarts.Count > 0)
        {
            var (scope, start) = _enteredStarts[0];
            _enteredStarts.RemoveAt(0);
            if (State.ConditionalSubscriptions.Exists(s => s.ExecutionId == scope.Id && s.NodeId == start.Id)
                && TryHolds(scope, (ConditionalEventDefinition)start.Trigger!, out var holds, out _) && holds)
            {
                TriggerEventSubprocess(scope, start);
            }
        }
    }

    /// <summary>Removes the conditional subscriptions an execution owns (it leaves or is cancelled).</summary>
    private void ReleaseConditionalWaits(Execution execution)
    {
        if (State.ConditionalSubscriptions.Count > 0)
        {
            State.ConditionalSubscriptions.RemoveAll(s => s.ExecutionId == execution.Id);
        }
    }

    /// <summary>An intermediate conditional catch event is reached: a condition that holds passes at once, otherwise the token waits.</summary>
    private void WaitForCondition(Execution execution, IntermediateCatchEvent node, ConditionalEventDefinition conditional)
    {
        SubscribeConditional(execution, node.Id);
        if (TryConditionOnArrival(execution, node.Id, conditional, out var holds) && holds)
        {
            EventOccurred(execution, node);
        }
    }

    /// <summary>
    /// An activity with conditional boundary events is entered: each whose condition holds fires, in
    /// document order (Camunda 7's triggering on scope instantiation); an interrupting one ends the activity before it runs.
    /// </summary>
    /// <returns><see langword="false"/> when an interrupting event fired or a condition failed (an incident now holds the token).</returns>
    private bool TriggerConditionalBoundaries(Execution execution, Activity activity)
    {
        foreach (var boundary in Process.Boundaries(activity.Id))
        {
            if (boundary.Definition is not ConditionalEventDefinition conditional)
            {
                continue;
            }

            if (!TryConditionOnArrival(execution, boundary.Id, conditional, out var holds))
            {
                return false;
            }

            if (holds)
            {
                TriggerBoundary(execution, boundary);
                if (boundary.CancelActivity)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>After an event-based gateway subscribed to its events: the first conditional catch event whose condition holds decides at once.</summary>
    private void DecideByCondition(Execution execution, EventBasedGateway gateway)
    {
        foreach (var flow in Process.Outgoing(gateway.Id))
        {
            if (Process.Node(flow.TargetRef) is IntermediateCatchEvent { Definition: ConditionalEventDefinition conditional } target)
            {
                if (!TryConditionOnArrival(execution, target.Id, conditional, out var holds))
                {
                    return;
                }

                if (holds)
                {
                    EventOccurred(execution, target);
                    return;
                }
            }
        }
    }

    /// <summary>Evaluates a condition on arrival; a failure (other than a variable not set yet) raises an incident that enters the node again when retried.</summary>
    private bool TryConditionOnArrival(Execution execution, string nodeId, ConditionalEventDefinition conditional, out bool holds)
    {
        if (TryHolds(execution, conditional, out holds, out var error))
        {
            return true;
        }

        RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Conditional event '{nodeId}': {error}");
        return false;
    }

    /// <summary>
    /// Evaluates a condition with the variables visible to <paramref name="owner"/>. As Camunda 7's
    /// <c>tryEvaluate</c> treats an unknown variable, a <c>ReferenceError</c> or <c>TypeError</c> (a variable
    /// or property not set yet) means "does not hold".
    /// </summary>
    /// <returns><see langword="false"/> when the condition failed otherwise or gave no boolean (<paramref name="error"/> says why).</returns>
    private bool TryHolds(Execution owner, ConditionalEventDefinition conditional, out bool holds, out string error)
    {
        holds = false;
        error = string.Empty;
        JsonElement value;
        try
        {
            value = _evaluator.Evaluate(conditional.Condition.Script ?? conditional.Condition.Text, Visible(owner), Now);
        }
        catch (ExpressionException e) when (e.Reason == ExpressionFailure.Runtime
            && (e.Message.StartsWith("ReferenceError", StringComparison.Ordinal) || e.Message.StartsWith("TypeError", StringComparison.Ordinal)))
        {
            return true;
        }
        catch (ExpressionException e)
        {
            error = $"{e.Reason}: {e.Message}";
            return false;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"'{conditional.Condition.Text}' gave {value.ValueKind}, not a boolean.";
            return false;
        }

        holds = value.ValueKind == JsonValueKind.True;
        return true;
    }

    /// <summary>Keeps the changes one <see cref="SetVariables"/> call made, to be dispatched when the step next can.</summary>
    private void QueueVariableChanges(List<VariableChange> changes)
    {
        if (changes.Count > 0 && State.ConditionalSubscriptions.Count > 0)
        {
            _variableChanges.Add(changes);
        }
    }

    /// <summary>Dispatches pending variable changes, then takes the next queued token move (used by <see cref="Drain"/>).</summary>
    private bool TryNextEntry([MaybeNullWhen(false)] out AgendaEntry entry)
    {
        TriggerEnteredStarts();
        DispatchVariableChanges();
        return _agenda.TryDequeue(out entry);
    }

    /// <summary>Dispatches pending variable changes before <paramref name="execution"/> leaves its node.</summary>
    /// <returns><see langword="false"/> when a conditional event that fired removed the execution (it must not leave).</returns>
    private bool DispatchBeforeLeaving(Execution execution)
    {
        if (_variableChanges.Count == 0)
        {
            return true;
        }

        DispatchVariableChanges();
        return Find(execution.Id) is not null;
    }

    /// <summary>
    /// Evaluates the waiting conditional events each pending change concerns, outer scopes first, and fires
    /// those whose condition holds. A condition that fails here counts as not holding (it raises an incident
    /// when its event is entered).
    /// </summary>
    private void DispatchVariableChanges()
    {
        while (_variableChanges.Count > 0)
        {
            var batch = _variableChanges[0];
            _variableChanges.RemoveAt(0);
            var waiting = State.ConditionalSubscriptions
                .Select((subscription, index) => (Subscription: subscription, Index: index, Depth: Depth(subscription.ExecutionId)))
                .OrderBy(w => w.Depth)
                .ThenBy(w => w.Index)
                .Select(w => w.Subscription)
                .ToList();
            foreach (var subscription in waiting)
            {
                if (!State.ConditionalSubscriptions.Contains(subscription) || Find(subscription.ExecutionId) is not { } owner)
                {
                    continue;
                }

                var node = Process.Node(subscription.NodeId);
                var conditional = (ConditionalEventDefinition)(node switch
                {
                    BoundaryEvent boundary => boundary.Definition,
                    StartEvent start => start.Trigger!,
                    _ => ((IntermediateCatchEvent)node).Definition,
                });
                if ((owner.Status == ExecutionStatus.Incident && node is IntermediateCatchEvent)
                    || !batch.Exists(change => Concerns(change, conditional, owner))
                    || !TryHolds(owner, conditional, out var holds, out _)
                    || !holds)
                {
                    continue;
                }

                if (node is BoundaryEvent fired)
                {
                    TriggerBoundary(owner, fired);
                }
                else if (node is StartEvent start)
                {
                    TriggerEventSubprocess(owner, start);
                }
                else
                {
                    EventOccurred(owner, node);
                }
            }
        }
    }

    /// <summary>Whether a change is of the variable and kind the event listens to, in a scope the waiting execution sees.</summary>
    private bool Concerns(VariableChange change, ConditionalEventDefinition conditional, Execution owner)
    {
        if ((conditional.VariableName is { } name && name != change.Name) || (conditional.VariableEvents & change.Kind) == 0)
        {
            return false;
        }

        for (var current = owner; current is not null; current = ParentToRead(current))
        {
            if (change.ScopeId is null || current.Id == change.ScopeId)
            {
                return true;
            }
        }

        return false;
    }

    private int Depth(string executionId)
    {
        var depth = 0;
        for (var current = Peek(executionId); current is not null; current = ParentToRead(current))
        {
            depth++;
        }

        return depth;
    }

    /// <summary>
    /// Migration: a conditional subscription moves to the mapped event when that is conditional too (its
    /// condition is evaluated at the next variable change, as in Camunda 7); others are removed.
    /// </summary>
    private void MoveConditionalWaits(NodeMapping mapping, Execution execution, Func<string, EventDefinition?> wanted)
    {
        for (var i = State.ConditionalSubscriptions.Count - 1; i >= 0; i--)
        {
            var subscription = State.ConditionalSubscriptions[i];
            if (subscription.ExecutionId != execution.Id)
            {
                continue;
            }

            if (mapping.TargetOf(subscription.NodeId) is { } to && wanted(to) is ConditionalEventDefinition)
            {
                State.ConditionalSubscriptions[i] = subscription with { NodeId = to };
            }
            else
            {
                State.ConditionalSubscriptions.RemoveAt(i);
            }
        }
    }

    /// <summary>One variable set by a step.</summary>
    /// <param name="ScopeId">The execution whose local variables hold it, or <see langword="null"/> for the process scope.</param>
    /// <param name="Name">The variable name.</param>
    /// <param name="Kind">Created or updated.</param>
    private readonly record struct VariableChange(string? ScopeId, string Name, ConditionalVariableEvents Kind);
}
