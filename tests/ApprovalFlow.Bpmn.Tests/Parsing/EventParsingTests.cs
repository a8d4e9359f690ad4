using ApprovalFlow.Bpmn.Model;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class EventParsingTests
{
    private const string Declarations = """
        <bpmn:message id="Message_1" name="objection-filed" />
        <bpmn:error id="Error_1" errorCode="PLAN_REJECTED" />
        """;

    [Theory]
    [InlineData("timeDuration", TimerKind.Duration, "P3D")]
    [InlineData("timeDate", TimerKind.Date, "2026-03-21T09:00:00+03:30")]
    [InlineData("timeCycle", TimerKind.Cycle, "R3/PT1H")]
    [InlineData("timeDuration", TimerKind.Duration, "${reviewPeriod}")]
    public void Parse_TimerCatchEvent_ReadsKindAndText(string element, TimerKind kind, string text)
    {
        var evt = Node<IntermediateCatchEvent>(Around($"""
            <bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition><bpmn:{element} xsi:type="bpmn:tFormalExpression">{text}</bpmn:{element}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            """));

        var timer = Assert.IsType<TimerEventDefinition>(evt.Definition);
        Assert.Equal(kind, timer.Kind);
        Assert.Equal(text, timer.Value.Text);
    }

    [Fact]
    public void Parse_MessageCatchEvent_ResolvesMessageName()
    {
        var evt = Node<IntermediateCatchEvent>(Around(
            """<bpmn:intermediateCatchEvent id="X"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:intermediateCatchEvent>""",
            declarations: Declarations));

        Assert.Equal(new MessageEventDefinition("Message_1", "objection-filed"), evt.Definition);
    }

    [Fact]
    public void Parse_NoneThrowEvent_IsIntermediateThrowEvent()
    {
        Node<IntermediateThrowEvent>(Around("""<bpmn:intermediateThrowEvent id="X" name="Milestone" />"""));
    }

    [Fact]
    public void Parse_EndEvents_ReadNoneTerminateAndErrorWithCode()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:parallelGateway id="G" />
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            <bpmn:endEvent id="E3"><bpmn:errorEventDefinition errorRef="Error_1" /></bpmn:endEvent>
            <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F1" sourceRef="G" targetRef="E1" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E2" />
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E3" />
            """, Declarations)).Processes[0];

        Assert.Equal(EndEventKind.None, ((EndEvent)process.Node("E1")).Kind);
        Assert.Equal(EndEventKind.Terminate, ((EndEvent)process.Node("E2")).Kind);
        var error = (EndEvent)process.Node("E3");
        Assert.Equal(EndEventKind.Error, error.Kind);
        Assert.Equal(new ErrorEventDefinition("Error_1", "PLAN_REJECTED"), error.Error);
    }

    [Fact]
    public void Parse_BoundaryEvents_ReadKindsCancelActivityAndAttachment()
    {
        var process = Valid(Around("""
            <bpmn:userTask id="X" camunda:candidateGroups="chairs" />
            <bpmn:boundaryEvent id="B1" attachedToRef="X" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="B2" attachedToRef="X"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="B3" attachedToRef="X"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            """, declarations: Declarations, extra: """
            <bpmn:sequenceFlow id="F3" sourceRef="B1" targetRef="E" />
            <bpmn:sequenceFlow id="F4" sourceRef="B2" targetRef="E" />
            <bpmn:sequenceFlow id="F5" sourceRef="B3" targetRef="E" />
            """)).Processes[0];

        var task = (UserTask)process.Node("X");
        Assert.Equal(["B1", "B2", "B3"], task.BoundaryEventIds);
        var timer = (BoundaryEvent)process.Node("B1");
        Assert.False(timer.CancelActivity);
        Assert.Equal("X", timer.AttachedToRef);
        Assert.Equal(TimerKind.Cycle, Assert.IsType<TimerEventDefinition>(timer.Definition).Kind);
        Assert.True(((BoundaryEvent)process.Node("B2")).CancelActivity);
        Assert.Equal(new ErrorEventDefinition(null, null), ((BoundaryEvent)process.Node("B3")).Definition);
        Assert.Equal(["F2", "F3", "F4", "F5"], process.Node("E").Incoming);
    }
}
