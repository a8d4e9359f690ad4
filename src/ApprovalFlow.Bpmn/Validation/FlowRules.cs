using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>Sequence flow rules (BPMN 2.0.2 §8.3.13, §10.5): both ends exist, in the flow's own scope, in legal directions.</summary>
internal static class FlowRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.InvalidFlow"/> violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var flow in graph.Process.Flows.Values)
        {
            var scope = graph.FlowScopes[flow.Id];
            var source = End(graph, flow, flow.SourceRef, "sourceRef", scope, diagnostics);
            var target = End(graph, flow, flow.TargetRef, "targetRef", scope, diagnostics);
            if (source is EndEvent)
            {
                diagnostics.Add(flow, DiagnosticCodes.InvalidFlow, $"{flow.Describe()} leaves end event '{source.Id}'; end events have no outgoing flows.");
            }

            if (target is StartEvent or BoundaryEvent)
            {
                diagnostics.Add(flow, DiagnosticCodes.InvalidFlow, $"{flow.Describe()} enters {target.ElementType} '{target.Id}', which cannot have incoming flows.");
            }

            if (flow.Condition is not null && source is not (ExclusiveGateway or InclusiveGateway or Activity or RejectedNode or null))
            {
                diagnostics.Add(flow, DiagnosticCodes.InvalidFlow,
                    $"{flow.Describe()} has a condition but leaves {source.ElementType} '{source.Id}'; conditions are only allowed on flows leaving activities and exclusive or inclusive gateways (BPMN 2.0.2 §8.3.13).");
            }
        }
    }

    private static FlowNode? End(ProcessGraph graph, SequenceFlow flow, string nodeId, string attribute, string scope, DiagnosticList diagnostics)
    {
        var node = graph.NodeOrNull(nodeId);
        if (node is null)
        {
            diagnostics.Add(flow, DiagnosticCodes.InvalidFlow, nodeId.Length == 0
                ? $"{flow.Describe()} has no {attribute}."
                : $"{flow.Describe()} has {attribute} '{nodeId}', which is not a flow node of process '{graph.Process.Id}'.");
        }
        else if (node.ScopeId != scope)
        {
            diagnostics.Add(flow, DiagnosticCodes.InvalidFlow,
                $"{flow.Describe()} in '{scope}' connects '{nodeId}' in '{node.ScopeId}'; flows cannot cross subprocess boundaries.");
            return null;
        }

        return node;
    }
}
