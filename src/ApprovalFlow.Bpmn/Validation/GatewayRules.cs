using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;

namespace ApprovalFlow.Bpmn.Validation;

/// <summary>Gateway rules (BPMN 2.0.2 §10.6): outgoing flows, conditions, defaults and event-based targets.</summary>
internal static class GatewayRules
{
    /// <summary>Reports gateway rule violations.</summary>
    public static void Check(ProcessGraph graph, DiagnosticList diagnostics)
    {
        foreach (var gateway in graph.Process.Nodes.Values.OfType<Gateway>())
        {
            if (gateway.Outgoing.Count == 0)
            {
                diagnostics.Add(gateway, DiagnosticCodes.GatewayWithoutOutgoing, $"{gateway.ElementType} '{gateway.Id}' has no outgoing sequence flow.");
                continue;
            }

            switch (gateway)
            {
                case ExclusiveGateway exclusive:
                    CheckConditions(graph, gateway, exclusive.DefaultFlow, diagnostics);
                    break;
                case InclusiveGateway inclusive:
                    CheckConditions(graph, gateway, inclusive.DefaultFlow, diagnostics);
                    break;
                case EventBasedGateway:
                    CheckEventTargets(graph, gateway, diagnostics);
                    break;
            }
        }
    }

    private static void CheckConditions(ProcessGraph graph, Gateway gateway, string? defaultFlow, DiagnosticList diagnostics)
    {
        if (defaultFlow is not null && !gateway.Outgoing.Contains(defaultFlow))
        {
            diagnostics.Add(gateway, DiagnosticCodes.InvalidDefault, $"The default flow '{defaultFlow}' of {gateway.ElementType} '{gateway.Id}' is not one of its outgoing flows.");
        }

        if (gateway.Outgoing.Count < 2)
        {
            return;
        }

        var unconditional = graph.OutgoingOf(gateway).Where(f => f.Condition is null && f.Id != defaultFlow).Select(f => f.Describe()).ToList();
        if (unconditional.Count > 0)
        {
            diagnostics.Add(gateway, DiagnosticCodes.MissingCondition,
                $"{gateway.ElementType} '{gateway.Id}' has several outgoing flows, and {string.Join(", ", unconditional)} has neither a condition nor is the default flow.");
        }
    }

    private static void CheckEventTargets(ProcessGraph graph, Gateway gateway, DiagnosticList diagnostics)
    {
        if (gateway.Outgoing.Count < 2)
        {
            diagnostics.Add(gateway, DiagnosticCodes.InvalidEventBasedGateway, $"eventBasedGateway '{gateway.Id}' needs at least two outgoing flows.");
        }

        foreach (var flow in graph.OutgoingOf(gateway))
        {
            var target = graph.NodeOrNull(flow.TargetRef);
            if (target is not (null or IntermediateCatchEvent or ReceiveTask or RejectedNode))
            {
                diagnostics.Add(gateway, DiagnosticCodes.InvalidEventBasedGateway,
                    $"eventBasedGateway '{gateway.Id}' leads to {target.ElementType} '{target.Id}'; only timer, message or signal catch events and receive tasks may follow it.");
            }
        }
    }
}
