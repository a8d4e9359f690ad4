using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

/// <summary>
/// Event subprocesses (BPMN 2.0.2 §10.3.5) are read with their start's trigger and refused where Camunda 7's
/// parser refuses them, each refusal naming the element and its line.
/// </summary>
public class EventSubprocessValidationTests
{
    private const string Declarations = """
        <bpmn:message id="M" name="withdraw" />
        <bpmn:error id="Err" errorCode="E1" />
        <bpmn:escalation id="Esc" escalationCode="UP" />
        <bpmn:signal id="Sig" name="stop" />
        """;

    private static string WithEventSubprocess(string eventSubprocess, string inner = "") => Process($"""
        <bpmn:startEvent id="S" />
        <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub" />
        <bpmn:subProcess id="Sub">
          <bpmn:startEvent id="SubS" />
          <bpmn:sequenceFlow id="SF1" sourceRef="SubS" targetRef="SubE" />
          <bpmn:endEvent id="SubE" />
          {inner}
        </bpmn:subProcess>
        <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="E" />
        <bpmn:endEvent id="E" />
        {eventSubprocess}
        """, Declarations);

    private static string Esp(string id, string startDefinition, string startAttributes = "") => $"""
        <bpmn:subProcess id="{id}" triggeredByEvent="true">
          <bpmn:startEvent id="{id}Start" {startAttributes}>{startDefinition}</bpmn:startEvent>
          <bpmn:sequenceFlow id="{id}F" sourceRef="{id}Start" targetRef="{id}End" />
          <bpmn:endEvent id="{id}End" />
        </bpmn:subProcess>
        """;

    [Theory]
    [InlineData("""<bpmn:messageEventDefinition messageRef="M" />""", typeof(MessageEventDefinition))]
    [InlineData("""<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>""", typeof(TimerEventDefinition))]
    [InlineData("""<bpmn:signalEventDefinition signalRef="Sig" />""", typeof(SignalEventDefinition))]
    [InlineData("""<bpmn:errorEventDefinition errorRef="Err" />""", typeof(ErrorEventDefinition))]
    [InlineData("""<bpmn:escalationEventDefinition />""", typeof(EscalationEventDefinition))]
    public void EventSubprocess_InTheProcessAndNestedInASubprocess_IsReadWithItsTrigger(string definition, Type kind)
    {
        var process = Valid(WithEventSubprocess(Esp("Top", definition), Esp("Inner", definition))).Processes[0];

        var top = Assert.IsType<SubProcess>(process.Node("Top"));
        Assert.True(top.TriggeredByEvent);
        Assert.Equal("TopStart", top.StartEventId);
        Assert.IsType(kind, ((StartEvent)process.Node("TopStart")).Trigger);
        Assert.True(((StartEvent)process.Node("TopStart")).IsInterrupting);
        Assert.Equal("Sub", process.Node("Inner").ScopeId);
        Assert.IsType(kind, ((StartEvent)process.Node("InnerStart")).Trigger);
    }

    [Fact]
    public void NonInterruptingStart_IsRead()
    {
        var process = Valid(WithEventSubprocess(Esp("N", """<bpmn:messageEventDefinition messageRef="M" />""", "isInterrupting=\"false\""))).Processes[0];

        Assert.False(((StartEvent)process.Node("NStart")).IsInterrupting);
    }

    [Fact]
    public void StartWithoutEventDefinition_IsRefused_NamingTheStartAndItsLine()
    {
        var xml = WithEventSubprocess(Esp("N", string.Empty));

        var error = SingleError(xml, DiagnosticCodes.InvalidEventDefinition);

        Assert.Equal("NStart", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"NStart\""), error.Line);
        Assert.Contains("message, timer, signal, error, escalation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonInterruptingErrorStart_IsRefused()
    {
        var error = SingleError(WithEventSubprocess(Esp("N", """<bpmn:errorEventDefinition errorRef="Err" />""", "isInterrupting=\"false\"")), DiagnosticCodes.InvalidEventSubprocess);

        Assert.Equal("NStart", error.ElementId);
        Assert.Contains("always interrupts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SequenceFlowIntoAnEventSubprocess_IsRefused()
    {
        var xml = Process($"""
            <bpmn:startEvent id="S" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="N" />
            {Esp("N", """<bpmn:messageEventDefinition messageRef="M" />""")}
            """, Declarations);

        var error = SingleError(xml, DiagnosticCodes.InvalidEventSubprocess);

        Assert.Equal("N", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"N\""), error.Line);
        Assert.Contains("sequence flows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoStartEvents_AreRefused()
    {
        var xml = WithEventSubprocess("""
            <bpmn:subProcess id="N" triggeredByEvent="true">
              <bpmn:startEvent id="A"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>
              <bpmn:startEvent id="B"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:startEvent>
              <bpmn:sequenceFlow id="NF1" sourceRef="A" targetRef="NE" />
              <bpmn:sequenceFlow id="NF2" sourceRef="B" targetRef="NE" />
              <bpmn:endEvent id="NE" />
            </bpmn:subProcess>
            """);

        var error = SingleError(xml, DiagnosticCodes.InvalidEventSubprocess);

        Assert.Equal("N", error.ElementId);
        Assert.Contains("2 start events (A, B)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<bpmn:errorEventDefinition errorRef="Err" />""")]
    [InlineData("""<bpmn:errorEventDefinition />""")]
    [InlineData("""<bpmn:messageEventDefinition messageRef="M" />""")]
    [InlineData("""<bpmn:escalationEventDefinition escalationRef="Esc" />""")]
    public void TwoEventSubprocessesOfOneScope_WaitingForTheSameTrigger_AreRefusedAtTheSecond(string definition)
    {
        var error = SingleError(WithEventSubprocess(Esp("One", definition) + Esp("Two", definition)), DiagnosticCodes.InvalidEventSubprocess);

        Assert.Equal("TwoStart", error.ElementId);
    }

    [Fact]
    public void TheSameErrorInDifferentScopes_IsAllowed()
    {
        Valid(WithEventSubprocess(Esp("One", """<bpmn:errorEventDefinition errorRef="Err" />"""), Esp("Two", """<bpmn:errorEventDefinition errorRef="Err" />""")));
    }

    [Theory]
    [InlineData("""<bpmn:timerEventDefinition><bpmn:timeDuration>${wait}</bpmn:timeDuration></bpmn:timerEventDefinition>""")]
    [InlineData("""<bpmn:timerEventDefinition><bpmn:timeCycle>R${times}/PT${hours}H</bpmn:timeCycle></bpmn:timerEventDefinition>""")]
    [InlineData("""<bpmn:timerEventDefinition><bpmn:timeDate>${deadline}</bpmn:timeDate></bpmn:timerEventDefinition>""")]
    public void TimerExpressionOnAStart_IsAccepted_AsCamunda7EvaluatesItWhenTheScopeIsEntered(string definition)
    {
        var process = Valid(WithEventSubprocess(Esp("N", definition), Esp("Inner", definition))).Processes[0];

        Assert.False(Assert.IsType<TimerEventDefinition>(((StartEvent)process.Node("NStart")).Trigger).Value.IsLiteral);
        Assert.False(Assert.IsType<TimerEventDefinition>(((StartEvent)process.Node("InnerStart")).Trigger).Value.IsLiteral);
    }

    [Fact]
    public void TimerExpressionOnAStart_ThatIsNotJavaScript_IsRefusedAsAnExpression()
    {
        var error = SingleError(WithEventSubprocess(Esp("N", """<bpmn:timerEventDefinition><bpmn:timeDuration>${wait +}</bpmn:timeDuration></bpmn:timerEventDefinition>""")), DiagnosticCodes.InvalidExpression);

        Assert.Equal("NStart", error.ElementId);
    }

    [Fact]
    public void BoundaryEventOnAnEventSubprocess_IsRefused()
    {
        var xml = WithEventSubprocess(Esp("N", """<bpmn:messageEventDefinition messageRef="M" />""") + """
            <bpmn:boundaryEvent id="B" attachedToRef="N"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="BF" sourceRef="B" targetRef="BE" />
            <bpmn:endEvent id="BE" />
            """);

        var error = Assert.Single(Parse(xml).Errors, e => e.Code == DiagnosticCodes.InvalidEventSubprocess);

        Assert.Equal("N", error.ElementId);
        Assert.Contains("boundary events (B)", error.Message, StringComparison.Ordinal);
    }
}
