using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>
/// Rules on event subprocesses (BPMN 2.0.2 §10.3.5, as Camunda 7's parser refuses them): no sequence flows in
/// or out, no boundary events or multi-instance on them, exactly one start event, error starts always
/// interrupting, and in one scope at most one event subprocess per message name, error code (or catch-all
/// error) and escalation code (or catch-all escalation).
/// </summary>
internal static class EventSubprocessRules
{
    /// <summary>Reports <see cref="DiagnosticCodes.InvalidEventSubprocess"/> violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        var eventSubprocesses = graph.Process.Nodes.Values.OfType<SubProcess>().Where(s => s.TriggeredByEvent).ToList();
        foreach (var eventSubprocess in eventSubprocesses)
        {
            CheckShape(graph, eventSubprocess, diagnostics);
        }

        foreach (var scope in eventSubprocesses.GroupBy(s => s.ScopeId, StringComparer.Ordinal))
        {
            var starts = scope.Select(s => graph.NodeOrNull(s.StartEventId)).OfType<StartEvent>().Where(s => s.Trigger is not null).ToList();
            foreach (var duplicate in starts.GroupBy(Key, StringComparer.Ordinal).Where(g => g.Key.Length > 0 && g.Count() > 1).SelectMany(g => g.Skip(1)))
            {
                diagnostics.Add(duplicate, DiagnosticCodes.InvalidEventSubprocess,
                    $"startEvent '{duplicate.Id}' waits for the same {Describe(duplicate.Trigger!)} as another event subprocess of '{scope.Key}'; "
                    + "a scope may have only one event subprocess per message, error and escalation (as Camunda 7).");
            }
        }
    }

    private static void CheckShape(ProcessGraph graph, SubProcess eventSubprocess, DiagnosticList diagnostics)
    {
        void Report(FlowElement element, string problem) =>
            diagnostics.Add(element, DiagnosticCodes.InvalidEventSubprocess, $"Event subProcess '{eventSubprocess.Id}' {problem}.");

        if (eventSubprocess.Incoming.Count + eventSubprocess.Outgoing.Count > 0)
        {
            Report(eventSubprocess, "has sequence flows in or out; an event subprocess is started by its start event's trigger and connects to nothing (BPMN 2.0.2 §10.3.5)");
        }

        if (eventSubprocess.BoundaryEventIds.Count > 0)
        {
            Report(eventSubprocess, $"has boundary events ({string.Join(", ", eventSubprocess.BoundaryEventIds)}); an event subprocess cannot have any");
        }

        if (eventSubprocess.MultiInstance is not null)
        {
            Report(eventSubprocess, "is multi-instance; an event subprocess cannot be");
        }

        var starts = graph.NodesIn(eventSubprocess.Id).Where(n => n is StartEvent or RejectedNode { Kind: "startEvent" }).ToList();
        if (starts.Count != 1)
        {
            Report(eventSubprocess, starts.Count == 0
                ? "has no start event; exactly one, with a message, timer, error, escalation or signal definition, is required"
                : $"has {starts.Count} start events ({string.Join(", ", starts.Select(s => s.Id))}); exactly one is required");
        }

        foreach (var start in starts.OfType<StartEvent>().Where(s => s is { Trigger: ErrorEventDefinition, IsInterrupting: false }))
        {
            Report(start, $"has the error startEvent '{start.Id}' with isInterrupting=\"false\"; an error start event always interrupts (BPMN 2.0.2 §10.3.5)");
        }
    }

    /// <summary>What two starts of one scope must not share: "" when they may (timers, signals).</summary>
    private static string Key(StartEvent start) => start.Trigger switch
    {
        MessageEventDefinition message => "message:" + message.MessageName,
        ErrorEventDefinition error => "error:" + (error.ErrorCode ?? "*"),
        EscalationEventDefinition escalation => "escalation:" + (escalation.EscalationCode ?? "*"),
        _ => string.Empty,
    };

    private static string Describe(EventDefinition trigger) => trigger switch
    {
        MessageEventDefinition message => $"message '{message.MessageName}'",
        ErrorEventDefinition { ErrorCode: { } code } => $"error code '{code}'",
        ErrorEventDefinition => "errors (catch-all)",
        EscalationEventDefinition { EscalationCode: { } code } => $"escalation code '{code}'",
        _ => "escalations (catch-all)",
    };
}
