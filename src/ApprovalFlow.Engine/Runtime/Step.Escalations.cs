using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// Escalations (BPMN 2.0.2 §10.5.3, as Camunda 7): thrown by an intermediate throw or end event, caught
/// by the nearest enclosing subprocess or call activity with a matching escalation boundary event (one
/// with the thrown code before one without a code, which catches all). Uncaught, an escalation is no
/// error: in a called process it goes on to the calling instance's call activity.
/// </summary>
internal sealed partial class Step
{
    /// <summary>Throws <paramref name="escalation"/> from the token at <paramref name="node"/>.</summary>
    private void ThrowEscalation(Execution execution, FlowNode node, EscalationEventDefinition escalation)
    {
        var origin = $"{node.ElementType} '{node.Id}' of process '{Process.Key}'";
        var caughtBy = CatchEscalation(Parent(execution), escalation.EscalationCode, node.ScopeId);
        RecordEscalation(node.Id, execution.Id, null, escalation.EscalationCode, caughtBy, origin);
        if (caughtBy is null)
        {
            PropagateEscalation(escalation.EscalationCode, origin);
        }
    }

    /// <summary>The child threw an escalation it did not catch: thrown at the call activity, then outward.</summary>
    public void ChildEscalated(Execution execution, string childInstanceId, string? code, string origin)
    {
        var caughtBy = CatchEscalation(execution, code, Process.Node(execution.NodeId).ScopeId);
        var fullOrigin = $"{origin}, called by '{execution.NodeId}' of process '{Process.Key}'";
        RecordEscalation(execution.NodeId, execution.Id, childInstanceId, code, caughtBy, fullOrigin);
        if (caughtBy is null)
        {
            PropagateEscalation(code, fullOrigin);
        }
    }

    private void RecordEscalation(string nodeId, string executionId, string? taskId, string? code, string? caughtBy, string origin)
    {
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["escalationCode"] = JsonSerializer.SerializeToElement(code),
            ["origin"] = Json(origin),
        };
        if (caughtBy is not null)
        {
            data["caughtBy"] = Json(caughtBy);
        }

        Record(HistoryEventType.EscalationThrown, nodeId, executionId, taskId, data: data);
    }

    private void PropagateEscalation(string? code, string origin)
    {
        if (State.ParentInstanceId is { } parentInstanceId && State.ParentExecutionId is { } parentExecutionId)
        {
            Emit(new PropagateEscalationIntent(parentInstanceId, parentExecutionId, code, origin));
        }
    }

    /// <summary>
    /// Finds the nearest escalation event subprocess of a scope or activity with an escalation boundary event
    /// from <paramref name="from"/> outward catching <paramref name="code"/> and triggers it (setting its <c>camunda:escalationCodeVariable</c>).
    /// An event subprocess does not catch what its own body throws (<paramref name="throwerScopeId"/>, the flow scope of
    /// the throwing node, is that event subprocess): as Camunda 7's <c>isReThrowingEscalationEventSubprocess</c>, the
    /// escalation goes on outward, where the event subprocess would otherwise start itself again.
    /// </summary>
    /// <returns>The catching boundary or start event's id, or <see langword="null"/> when none catches it.</returns>
    private string? CatchEscalation(Execution? from, string? code, string throwerScopeId)
    {
        for (var current = from; current is not null; current = Parent(current))
        {
            if (CatchEscalationInEventSubprocess(current, code, throwerScopeId) is { } caughtByEventSubprocess)
            {
                return caughtByEventSubprocess;
            }

            if (current.Kind is ExecutionKind.MultiInstanceItem or ExecutionKind.Root)
            {
                continue;
            }

            var catchers = Process.Boundaries(current.NodeId)
                .Where(b => b.Definition is EscalationEventDefinition e && (e.EscalationCode is null || e.EscalationCode == code))
                .ToList();
            var boundary = catchers.Find(b => ((EscalationEventDefinition)b.Definition).EscalationCode is not null) ?? catchers.FirstOrDefault();
            if (boundary is null)
            {
                continue;
            }

            if (((EscalationEventDefinition)boundary.Definition).CodeVariable is { } variable)
            {
                SetVariables(Parent(current), new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [variable] = JsonSerializer.SerializeToElement(code) });
            }

            TriggerBoundary(current, boundary);
            return boundary.Id;
        }

        return null;
    }
}
