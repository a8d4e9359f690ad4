using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary>Signal (BPMN 2.0.2 §10.5.5) and escalation (§10.5.3) events as read by the parser and checked by the validator.</summary>
public class SignalEscalationParsingTests
{
    private const string Declarations = """
        <bpmn:signal id="Sig" name="plan-${region}" />
        <bpmn:signal id="Fixed" name="plan-decided" />
        <bpmn:escalation id="Esc" escalationCode="LATE" />
        """;

    [Fact]
    public void Parse_SignalCatchEvent_ReadsTheSignalNameAsAnExpression()
    {
        var node = Node<IntermediateCatchEvent>(Around("""<bpmn:intermediateCatchEvent id="X"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:intermediateCatchEvent>""", declarations: Declarations));

        var signal = Assert.IsType<SignalEventDefinition>(node.Definition);
        Assert.Equal("Sig", signal.SignalRef);
        Assert.Equal("`plan-${region}`", signal.SignalName.Script);
    }

    [Fact]
    public void Parse_SignalThrowEvent_ReadsItsCamundaInMappings()
    {
        var node = Node<IntermediateThrowEvent>(Around("""
            <bpmn:intermediateThrowEvent id="X">
              <bpmn:signalEventDefinition signalRef="Fixed">
                <bpmn:extensionElements><camunda:in source="decision" target="outcome" /><camunda:in variables="all" /></bpmn:extensionElements>
              </bpmn:signalEventDefinition>
            </bpmn:intermediateThrowEvent>
            """, declarations: Declarations));

        var signal = Assert.IsType<SignalEventDefinition>(node.Definition);
        Assert.Equal("plan-decided", signal.SignalName.Text);
        Assert.Equal(2, signal.In.Count);
        Assert.Equal(("decision", "outcome"), (signal.In[0].Source, signal.In[0].Target));
        Assert.True(signal.In[1].All);
    }

    [Fact]
    public void Parse_SignalAndEscalationEndEvents_AndBoundaryEvents()
    {
        var document = Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubS" />
              <bpmn:endEvent id="Raise"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:endEvent>
              <bpmn:sequenceFlow id="SF" sourceRef="SubS" targetRef="Raise" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="Caught" attachedToRef="Sub" cancelActivity="false"><bpmn:escalationEventDefinition camunda:escalationCodeVariable="code" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Withdrawn" attachedToRef="Sub"><bpmn:signalEventDefinition signalRef="Fixed" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="E"><bpmn:signalEventDefinition signalRef="Fixed" /></bpmn:endEvent>
            <bpmn:endEvent id="E2" />
            <bpmn:endEvent id="E3" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub" />
            <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="E" />
            <bpmn:sequenceFlow id="F3" sourceRef="Caught" targetRef="E2" />
            <bpmn:sequenceFlow id="F4" sourceRef="Withdrawn" targetRef="E3" />
            """, Declarations));
        var process = document.Processes[0];

        var raise = Assert.IsType<EndEvent>(process.Node("Raise"));
        Assert.Equal(EndEventKind.Escalation, raise.Kind);
        Assert.Equal(new EscalationEventDefinition("Esc", "LATE"), raise.Throws);
        var caught = Assert.IsType<BoundaryEvent>(process.Node("Caught"));
        Assert.Equal(new EscalationEventDefinition(null, null, "code"), caught.Definition);
        Assert.False(caught.CancelActivity);
        Assert.IsType<SignalEventDefinition>(Assert.IsType<BoundaryEvent>(process.Node("Withdrawn")).Definition);
        Assert.Equal(EndEventKind.Signal, Assert.IsType<EndEvent>(process.Node("E")).Kind);
        Assert.Equal("plan-decided", document.Signals["Fixed"]);
        Assert.Equal("LATE", document.Escalations["Esc"]);
    }

    [Fact]
    public void Parse_ProcessWithOnlySignalStartEvents_IsValid_WithNoNoneStart()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="S1"><bpmn:signalEventDefinition signalRef="Fixed" /></bpmn:startEvent>
            <bpmn:startEvent id="S2"><bpmn:signalEventDefinition signalRef="Fixed" /></bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="E" />
            <bpmn:sequenceFlow id="F2" sourceRef="S2" targetRef="E" />
            """, Declarations)).Processes[0];

        Assert.Equal(string.Empty, process.StartEventId);
        Assert.Equal(["S1", "S2"], process.SignalStartEventIds);
    }

    [Fact]
    public void Parse_SignalStartEventWithAnExpressionName_IsRefused()
    {
        var xml = Process("""
            <bpmn:startEvent id="S1"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="E" />
            """, Declarations);

        var error = SingleError(xml, DiagnosticCodes.StartEvent);

        Assert.Equal("S1", error.ElementId);
        Assert.Contains("fixed text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SignalStartEventInASubprocess_IsRefused()
    {
        var xml = Around("""
            <bpmn:subProcess id="X">
              <bpmn:startEvent id="In" />
              <bpmn:startEvent id="InSignal"><bpmn:signalEventDefinition signalRef="Fixed" /></bpmn:startEvent>
              <bpmn:endEvent id="InE" />
              <bpmn:sequenceFlow id="I1" sourceRef="In" targetRef="InE" />
              <bpmn:sequenceFlow id="I2" sourceRef="InSignal" targetRef="InE" />
            </bpmn:subProcess>
            """, declarations: Declarations);

        Assert.Equal("InSignal", SingleError(xml, DiagnosticCodes.StartEvent).ElementId);
    }

    [Fact]
    public void Parse_UnknownSignalRef_IsRefusedNamingTheElementAndLine()
    {
        var xml = Around("""<bpmn:intermediateThrowEvent id="X"><bpmn:signalEventDefinition signalRef="Nope" /></bpmn:intermediateThrowEvent>""", declarations: Declarations);

        var error = SingleError(xml, DiagnosticCodes.UnknownSignal);

        Assert.Equal("X", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"X\""), error.Line);
        Assert.Contains("'Nope'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<bpmn:intermediateThrowEvent id="X"><bpmn:escalationEventDefinition escalationRef="Nope" /></bpmn:intermediateThrowEvent>""")]
    [InlineData("""<bpmn:intermediateThrowEvent id="X"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>""")]
    public void Parse_UnknownOrMissingEscalationRefOnAThrow_IsRefusedNamingTheElementAndLine(string node)
    {
        var xml = Around(node, declarations: Declarations);

        var error = SingleError(xml, DiagnosticCodes.UnknownEscalation);

        Assert.Equal("X", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"X\""), error.Line);
    }

    [Fact]
    public void Parse_EscalationBoundaryOnAUserTask_IsRefused()
    {
        var xml = Around("""
            <bpmn:userTask id="X" camunda:assignee="a" />
            <bpmn:boundaryEvent id="B" attachedToRef="X"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="BE" />
            <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="BE" />
            """, declarations: Declarations);

        var error = SingleError(xml, DiagnosticCodes.InvalidBoundaryEvent);

        Assert.Equal("B", error.ElementId);
        Assert.Contains("subprocesses and call activities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SignalCatchAfterEventBasedGateway_IsValid()
    {
        Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:eventBasedGateway id="G" />
            <bpmn:intermediateCatchEvent id="C1"><bpmn:signalEventDefinition signalRef="Fixed" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="C2"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="C1" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="C2" />
            <bpmn:sequenceFlow id="F3" sourceRef="C1" targetRef="E1" />
            <bpmn:sequenceFlow id="F4" sourceRef="C2" targetRef="E2" />
            """, Declarations));
    }

    [Fact]
    public void Parse_InvalidSignalNameExpression_IsRefused()
    {
        var xml = Around("""<bpmn:intermediateCatchEvent id="X"><bpmn:signalEventDefinition signalRef="Bad" /></bpmn:intermediateCatchEvent>""",
            declarations: """<bpmn:signal id="Bad" name="${a +}" />""");

        Assert.Contains("signal name", SingleError(xml, DiagnosticCodes.InvalidExpression).Message, StringComparison.Ordinal);
    }
}
