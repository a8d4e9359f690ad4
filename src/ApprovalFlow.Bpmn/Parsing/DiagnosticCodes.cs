namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>
/// The stable values of <see cref="BpmnDiagnostic.Code"/>. Clients may switch on them; new codes may be
/// added, existing ones are never renamed.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The input is larger than <see cref="BpmnParserOptions.MaxInputBytes"/>; it was not read to the end.</summary>
    public const string InputTooLarge = "input-too-large";

    /// <summary>The XML has a DTD (<c>&lt;!DOCTYPE</c>), hence possibly entity expansion or external entities; refused.</summary>
    public const string UnsafeXml = "unsafe-xml";

    /// <summary>Elements nested deeper than the parser follows (about 90 nested subprocesses); line and column name the first too deep.</summary>
    public const string NestedTooDeeply = "nested-too-deeply";

    /// <summary>The input is not well-formed XML; line and column say where the reader stopped.</summary>
    public const string MalformedXml = "malformed-xml";

    /// <summary>The root element is not <c>definitions</c> in the BPMN 2.0 model namespace.</summary>
    public const string NotBpmn = "not-bpmn";

    /// <summary>The file holds no <c>process</c>.</summary>
    public const string NoProcess = "no-process";

    /// <summary>An element (or an event definition, loop kind or Camunda extension) outside the supported BPMN subset.</summary>
    public const string UnsupportedElement = "unsupported-element";

    /// <summary>An attribute value outside the supported subset (e.g. <c>calledElementBinding="deployment"</c>, a script format other than JavaScript).</summary>
    public const string UnsupportedAttribute = "unsupported-attribute";

    /// <summary>A flow element, message or error without an <c>id</c>.</summary>
    public const string MissingId = "missing-id";

    /// <summary>Two elements share one <c>id</c>; reported at the second.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>A sequence flow whose source or target is missing or in another scope, or a flow into a start/boundary event or out of an end event.</summary>
    public const string InvalidFlow = "invalid-flow";

    /// <summary>A process or subprocess without exactly one none start event.</summary>
    public const string StartEvent = "start-event";

    /// <summary>A node that no path of sequence flows from its scope's start event reaches.</summary>
    public const string UnreachableNode = "unreachable-node";

    /// <summary>A gateway with no outgoing sequence flow.</summary>
    public const string GatewayWithoutOutgoing = "gateway-without-outgoing";

    /// <summary>An exclusive or inclusive gateway with several outgoing flows, one of which has neither a condition nor is the default.</summary>
    public const string MissingCondition = "missing-condition";

    /// <summary>A gateway's or activity's <c>default</c> that is not one of its outgoing flows.</summary>
    public const string InvalidDefault = "invalid-default";

    /// <summary>A user task with none of <c>camunda:assignee</c>, <c>candidateUsers</c>, <c>candidateGroups</c>, <c>humanPerformer</c>, <c>potentialOwner</c>.</summary>
    public const string MissingAssignment = "missing-assignment";

    /// <summary>A timer without exactly one of timeDate/timeDuration/timeCycle, or whose literal text is not valid ISO 8601 for its kind.</summary>
    public const string InvalidTimer = "invalid-timer";

    /// <summary>A <c>${...}</c> expression or script body that is not syntactically valid JavaScript.</summary>
    public const string InvalidExpression = "invalid-expression";

    /// <summary>A script task without a <c>script</c> body.</summary>
    public const string MissingScript = "missing-script";

    /// <summary>A call activity without <c>calledElement</c>.</summary>
    public const string MissingCalledElement = "missing-called-element";

    /// <summary>A call activity with <c>calledElementBinding="version"</c> and no positive integer <c>calledElementVersion</c>.</summary>
    public const string InvalidCalledElementVersion = "invalid-called-element-version";

    /// <summary>A <c>camunda:in</c>/<c>camunda:out</c> mapping without <c>variables="all"</c> or without a source and target.</summary>
    public const string InvalidMapping = "invalid-mapping";

    /// <summary>A service or send task that is not <c>camunda:type="external"</c> with a <c>camunda:topic</c>.</summary>
    public const string MissingTopic = "missing-topic";

    /// <summary>A multi-instance activity with neither or both of <c>loopCardinality</c> and <c>camunda:collection</c>, or a literal cardinality that is not a positive integer.</summary>
    public const string InvalidMultiInstance = "invalid-multi-instance";

    /// <summary>A boundary event attached to a missing or non-activity node, or a non-interrupting error boundary event.</summary>
    public const string InvalidBoundaryEvent = "invalid-boundary-event";

    /// <summary>An event-based gateway with fewer than two outgoing flows or a target other than a timer/message catch event or receive task.</summary>
    public const string InvalidEventBasedGateway = "invalid-event-based-gateway";

    /// <summary>An event without exactly one supported event definition where one is required.</summary>
    public const string InvalidEventDefinition = "invalid-event-definition";

    /// <summary>A <c>messageRef</c> that names no <c>bpmn:message</c> with a <c>name</c>.</summary>
    public const string UnknownMessage = "unknown-message";

    /// <summary>An <c>errorRef</c> that names no <c>bpmn:error</c>.</summary>
    public const string UnknownError = "unknown-error";

    /// <summary>A <c>signalRef</c> that names no <c>bpmn:signal</c> with a <c>name</c>, or a signal event without one.</summary>
    public const string UnknownSignal = "unknown-signal";

    /// <summary>An <c>escalationRef</c> that names no <c>bpmn:escalation</c>, or an escalation throw event without one.</summary>
    public const string UnknownEscalation = "unknown-escalation";

    /// <summary>Two <c>humanPerformer</c>s on one user task, or a <c>potentialOwner</c>/<c>humanPerformer</c> without a formal expression.</summary>
    public const string InvalidResourceAssignment = "invalid-resource-assignment";

    /// <summary>
    /// An event subprocess (<c>triggeredByEvent="true"</c>) against BPMN 2.0.2 §10.3.5 or Camunda 7's rules: sequence
    /// flows in or out, boundary events or multi-instance on it, not exactly one start event, a non-interrupting
    /// error start, or two event subprocesses of one scope waiting for the same message, error or escalation.
    /// </summary>
    public const string InvalidEventSubprocess = "invalid-event-subprocess";
}
