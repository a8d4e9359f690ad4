namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// Why each BPMN or Camunda element outside the supported subset is rejected (architecture decision 1:
/// rejected at deploy time, never silently ignored). See docs/bpmn-coverage.md.
/// </summary>
internal static class UnsupportedElements
{
    private const string Fallback = "it is not part of the BPMN subset this engine runs (see docs/bpmn-coverage.md)";

    private static readonly Dictionary<string, string> BpmnReasons = new(StringComparer.Ordinal)
    {
        ["complexGateway"] = "complex gateways have no executable join rule here; use an inclusive or parallel gateway",
        ["transaction"] = "transactions need compensation, which is not supported",
        ["adHocSubProcess"] = "ad-hoc subprocesses are not supported; use a subprocess with parallel or inclusive gateways",
        ["businessRuleTask"] = "DMN decisions are not supported; use an exclusive gateway with conditions or an external service task",
        ["standardLoopCharacteristics"] = "standard loops are not supported; use multi-instance or a gateway loop",
        ["signalEventDefinition"] = "signals are supported on start, end, intermediate catch/throw and boundary events only",
        ["compensateEventDefinition"] = "compensation is not supported",
        ["conditionalEventDefinition"] = "conditional events are supported on intermediate catch, boundary and event subprocess start events only",
        ["escalationEventDefinition"] = "escalations are supported on end, intermediate throw and boundary events and event subprocess starts only",
        ["cancelEventDefinition"] = "cancel events belong to transactions, which are not supported",
        ["linkEventDefinition"] = "link events are not supported; draw the sequence flow instead",
        ["terminateEventDefinition"] = "terminate is only supported on end events",
        ["errorEventDefinition"] = "errors are only supported on end events, interrupting boundary events and interrupting event subprocess starts",
        ["timerEventDefinition"] = "timers are supported on start events of processes and event subprocesses, intermediate catch and boundary events only",
        ["messageEventDefinition"] = "message end and intermediate throw events are not supported; send messages with a send task (message start events are supported on processes)",
        ["multiInstanceLoopCharacteristics"] = "multi-instance is not supported on this element",
    };

    private static readonly Dictionary<string, string> CamundaReasons = new(StringComparer.Ordinal)
    {
        ["inputOutput"] = "local input/output mappings are not supported; map variables in the task handler or with camunda:in/out on call activities",
        ["executionListener"] = "listeners run Java code and are not supported; use an external service task",
        ["taskListener"] = "listeners run Java code and are not supported; use an external service task",
        ["connector"] = "connectors are not supported; use an external service task",
        ["field"] = "field injection into Java delegates is not supported",
        ["formData"] = "generated forms are not supported; use camunda:formKey",
        ["formProperty"] = "generated forms are not supported; use camunda:formKey",
        ["errorEventDefinition"] = "external task error definitions are not supported; the handler reports BPMN errors itself",
    };

    /// <summary>Why the BPMN element <paramref name="localName"/> is rejected.</summary>
    public static string BpmnReason(string localName) => BpmnReasons.GetValueOrDefault(localName, Fallback);

    /// <summary>Why the Camunda extension <paramref name="localName"/> is rejected, or <see langword="null"/> when it is accepted.</summary>
    public static string? CamundaReason(string localName) => CamundaReasons.GetValueOrDefault(localName);
}
