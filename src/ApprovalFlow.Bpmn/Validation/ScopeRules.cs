using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Rules per scope (process or subprocess, BPMN 2.0.2 §10.2, §10.3.5): exactly one none start event
/// (a process may instead have only signal, message or timer start events), and every node reachable from a start event.
/// </summary>
internal static class ScopeRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.StartEvent"/> and <see cref="DiagnosticCodes.UnreachableNode"/> violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var scopeId in graph.ScopeIds)
        {
            var nodes = graph.NodesIn(scopeId).ToList();
            var starts = nodes.OfType<StartEvent>().Where(s => s is { Signal: null, Message: null, Timer: null }).ToList();
            var signalStarts = nodes.OfType<StartEvent>().Where(s => s.Signal is not null || s.Timer is not null).ToList(); // Signal and timer starts.
            var messageStarts = nodes.OfType<StartEvent>().Where(s => s.Message is not null).ToList();
            var subProcess = graph.NodeOrNull(scopeId);
            foreach (var signalStart in subProcess is null ? [] : signalStarts)
            {
                diagnostics.Add(signalStart, DiagnosticCodes.StartEvent,
                    $"startEvent '{signalStart.Id}' in subProcess '{scopeId}' is a {(signalStart.Timer is null ? "signal" : "timer")} start event; a subprocess starts at its none start event (such a start belongs in an event subprocess, triggeredByEvent=\"true\").");
            }

            foreach (var signalStart in subProcess is null ? signalStarts.Where(s => s.Signal is { SignalName.IsLiteral: false }) : [])
            {
                diagnostics.Add(signalStart, DiagnosticCodes.StartEvent,
                    $"Signal startEvent '{signalStart.Id}' has the signal name '{signalStart.Signal!.SignalName.Excerpt}'; a start event's signal name must be fixed text (there are no variables before the instance starts).");
            }

            if (starts.Count != 1 && !(starts.Count == 0 && subProcess is null && signalStarts.Count + messageStarts.Count > 0) && subProcess is not SubProcess { TriggeredByEvent: true })
            {
                ReportStartCount(graph, scopeId, nodes, starts, diagnostics);
            }

            if (starts.Count + signalStarts.Count + messageStarts.Count == 0)
            {
                continue;
            }

            var reached = Reachable(graph, [.. starts, .. signalStarts, .. messageStarts, .. nodes.OfType<RejectedNode>()]);
            foreach (var node in nodes.Where(n => n is not (BoundaryEvent or RejectedNode or SubProcess { TriggeredByEvent: true }) && !reached.Contains(n.Id)))
            {
                diagnostics.Add(node, DiagnosticCodes.UnreachableNode,
                    $"{node.ElementType} '{node.Id}' cannot be reached from the start event of '{scopeId}'.");
            }
        }
    }

    private static void ReportStartCount(ProcessGraph graph, string scopeId, List<FlowNode> nodes, List<StartEvent> starts, DiagnosticList diagnostics)
    {
        if (starts.Count == 0 && nodes.Any(n => n is RejectedNode { Kind: "startEvent" }))
        {
            return; // The rejected start event is already reported.
        }

        var message = starts.Count == 0
            ? $"'{scopeId}' has no none start event; exactly one is required{(graph.NodeOrNull(scopeId) is null ? " (or signal, message or timer start events only)" : string.Empty)}."
            : $"'{scopeId}' has {starts.Count} none start events ({string.Join(", ", starts.Select(s => s.Id))}); exactly one is required.";
        if (graph.NodeOrNull(scopeId) is { } subProcess)
        {
            diagnostics.Add(subProcess, DiagnosticCodes.StartEvent, message);
        }
        else
        {
            diagnostics.Add(scopeId, graph.Process.Position, DiagnosticCodes.StartEvent, message);
        }
    }

    // A boundary event is reached with its activity; nodes after it are reached through its flows. A
    // rejected node counts as reached, so what lies behind it is not reported again (the cause is).
    private static HashSet<string> Reachable(ProcessGraph graph, List<FlowNode> starts)
    {
        var reached = new HashSet<string>(starts.Select(s => s.Id), StringComparer.Ordinal);
        var queue = new Queue<FlowNode>(starts);
        while (queue.TryDequeue(out var node))
        {
            var next = graph.OutgoingOf(node).Select(f => f.TargetRef);
            if (node is Activity activity)
            {
                next = next.Concat(activity.BoundaryEventIds);
            }

            foreach (var id in next)
            {
                if (graph.NodeOrNull(id) is { } target && target.ScopeId == node.ScopeId && reached.Add(id))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return reached;
    }
}
