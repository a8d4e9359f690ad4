using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Rules for message start events (BPMN 2.0.2 §10.5.2), as Camunda 7 deploys them: they stand on the
/// process level (a subprocess starts at its none start event), next to at most one none start event
/// (<see cref="ScopeRules"/>), and no two of one process wait for the same message ("Cannot have more than
/// one message event subscription with name"). Two definitions with the same message start are refused by
/// the host, which knows the other deployed definitions.
/// </summary>
internal static class MessageStartRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.StartEvent"/> violations of message start events.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        var messageStarts = graph.Process.Nodes.Values.OfType<StartEvent>().Where(s => s.Message is not null).OrderBy(s => s.Position.Line).ToList();
        foreach (var start in messageStarts.Where(s => s.ScopeId != graph.Process.Id))
        {
            diagnostics.Add(start, DiagnosticCodes.StartEvent,
                $"startEvent '{start.Id}' in subProcess '{start.ScopeId}' is a message start event; a subprocess starts at its none start event (message start events belong to the process level).");
        }

        foreach (var group in messageStarts.Where(s => s.ScopeId == graph.Process.Id).GroupBy(s => s.Message!.MessageName, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(duplicate, DiagnosticCodes.StartEvent,
                    $"Message startEvent '{duplicate.Id}' waits for message '{group.Key}', as startEvent '{first.Id}' (line {first.Position.Line}) of the same process does; a message may start a process at one start event only.");
            }
        }
    }
}
