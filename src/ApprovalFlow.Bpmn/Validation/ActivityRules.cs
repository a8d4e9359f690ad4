using System.Globalization;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>Rules on activities and their boundary events (BPMN 2.0.2 §10.3, §10.5.4): assignment, multi-instance, attachment.</summary>
internal static class ActivityRules
{
    /// <summary>Reports activity and boundary event rule violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var node in graph.Process.Nodes.Values)
        {
            switch (node)
            {
                case UserTask { Assignee: null, CandidateUsers: null, CandidateGroups: null, PotentialOwnerUsers: [], PotentialOwnerGroups: [] } task:
                    diagnostics.Add(task, DiagnosticCodes.MissingAssignment,
                        $"userTask '{task.Id}' has none of camunda:assignee, camunda:candidateUsers, camunda:candidateGroups, humanPerformer and potentialOwner, so nobody could work it.");
                    break;
                case BoundaryEvent boundary:
                    CheckBoundary(graph, boundary, diagnostics);
                    break;
            }

            if (node is Activity { MultiInstance: { } multiInstance } activity)
            {
                CheckMultiInstance(activity, multiInstance, diagnostics);
            }

            if (node is Activity { DefaultFlow: { } defaultFlow } withDefault && !withDefault.Outgoing.Contains(defaultFlow))
            {
                diagnostics.Add(withDefault, DiagnosticCodes.InvalidDefault,
                    $"The default flow '{defaultFlow}' of {withDefault.ElementType} '{withDefault.Id}' is not one of its outgoing flows.");
            }
        }
    }

    private static void CheckMultiInstance(Activity activity, MultiInstanceCharacteristics multiInstance, DiagnosticList diagnostics)
    {
        if ((multiInstance.LoopCardinality is null) == (multiInstance.Collection is null))
        {
            diagnostics.Add(activity, DiagnosticCodes.InvalidMultiInstance,
                $"The multi-instance {activity.ElementType} '{activity.Id}' needs exactly one of loopCardinality and camunda:collection.");
        }
        else if (multiInstance.LoopCardinality is { IsLiteral: true, Text: var text }
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0))
        {
            diagnostics.Add(activity, DiagnosticCodes.InvalidMultiInstance,
                $"The loopCardinality '{text}' of {activity.ElementType} '{activity.Id}' is neither a positive integer nor an expression.");
        }
    }

    private static void CheckBoundary(ProcessGraph graph, BoundaryEvent boundary, DiagnosticList diagnostics)
    {
        var attachedTo = graph.NodeOrNull(boundary.AttachedToRef);
        string? problem = attachedTo switch
        {
            null when boundary.AttachedToRef.Length == 0 => "has no attachedToRef",
            null => $"is attached to '{boundary.AttachedToRef}', which is not a flow node of this process",
            RejectedNode => null,
            not Activity => $"is attached to {attachedTo.ElementType} '{attachedTo.Id}'; boundary events attach to activities only",
            _ when attachedTo.ScopeId != boundary.ScopeId => $"is attached to '{attachedTo.Id}' in another scope; draw it in the activity's own container",
            _ => null,
        };
        if (problem is not null)
        {
            diagnostics.Add(boundary, DiagnosticCodes.InvalidBoundaryEvent, $"boundaryEvent '{boundary.Id}' {problem}.");
        }

        if (boundary.Definition is EscalationEventDefinition && attachedTo is not (null or RejectedNode or SubProcess or CallActivity))
        {
            diagnostics.Add(boundary, DiagnosticCodes.InvalidBoundaryEvent,
                $"Escalation boundaryEvent '{boundary.Id}' is attached to {attachedTo.ElementType} '{attachedTo.Id}'; escalations are caught on subprocesses and call activities only (as Camunda 7).");
        }

        if (boundary is { Definition: ErrorEventDefinition, CancelActivity: false })
        {
            diagnostics.Add(boundary, DiagnosticCodes.InvalidBoundaryEvent,
                $"Error boundaryEvent '{boundary.Id}' has cancelActivity=\"false\"; an error always interrupts its activity (BPMN 2.0.2 §10.5.4).");
        }
    }
}
