using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

/// <summary>
/// <c>${...}</c> in signal and message names, as Camunda 7 deploys them (<c>SignalEventExpressionNameTest</c>,
/// <c>MessageStartEventTest.testUsingExpressionInMessageStartEventNameThrowsException</c>): accepted where an event
/// subscribes inside a running scope (event subprocess starts, catch and boundary events, receive tasks), refused
/// on a message start event of the process, and refused when the expression is not JavaScript.
/// </summary>
public class EventNameExpressionValidationTests
{
    private const string Declarations = """
        <bpmn:message id="Dyn" name="withdraw-${caseId}" />
        <bpmn:message id="Broken" name="withdraw-${caseId +}" />
        <bpmn:signal id="DynSig" name="cancel-${caseId}" />
        """;

    private static string WithStart(string startDefinition, string isInterrupting = "true") => Process($"""
        <bpmn:startEvent id="S" />
        <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
        <bpmn:userTask id="T" camunda:assignee="alice" />
        <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E" />
        <bpmn:endEvent id="E" />
        <bpmn:subProcess id="N" triggeredByEvent="true">
          <bpmn:startEvent id="NStart" isInterrupting="{isInterrupting}">{startDefinition}</bpmn:startEvent>
          <bpmn:sequenceFlow id="NF" sourceRef="NStart" targetRef="NEnd" />
          <bpmn:endEvent id="NEnd" />
        </bpmn:subProcess>
        """, Declarations);

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void SignalNameExpressionOnAnEventSubprocessStart_IsAccepted(string isInterrupting)
    {
        var start = (StartEvent)Valid(WithStart("""<bpmn:signalEventDefinition signalRef="DynSig" />""", isInterrupting)).Processes[0].Node("NStart");

        Assert.Equal("cancel-${caseId}", Assert.IsType<SignalEventDefinition>(start.Trigger).SignalName.Text);
    }

    [Fact]
    public void MessageNameExpressionOnAnEventSubprocessStart_IsAccepted()
    {
        var start = (StartEvent)Valid(WithStart("""<bpmn:messageEventDefinition messageRef="Dyn" />""")).Processes[0].Node("NStart");

        Assert.Equal("withdraw-${caseId}", Assert.IsType<MessageEventDefinition>(start.Trigger).MessageName);
    }

    [Fact]
    public void MessageNameExpressionOnACatchEventAndAReceiveTask_IsAccepted()
    {
        Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="C" />
            <bpmn:intermediateCatchEvent id="C"><bpmn:messageEventDefinition messageRef="Dyn" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="C" targetRef="R" />
            <bpmn:receiveTask id="R" messageRef="Dyn" />
            <bpmn:sequenceFlow id="F3" sourceRef="R" targetRef="E" />
            <bpmn:endEvent id="E" />
            """, Declarations));
    }

    [Fact]
    public void MessageNameExpressionOnAProcessMessageStart_IsRefused()
    {
        var xml = Process("""
            <bpmn:startEvent id="ByMessage"><bpmn:messageEventDefinition messageRef="Dyn" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="ByMessage" targetRef="E" />
            <bpmn:endEvent id="E" />
            """, Declarations);

        var error = SingleError(xml, DiagnosticCodes.StartEvent);

        Assert.Equal("ByMessage", error.ElementId);
        Assert.Contains("expressions in the message start event name are not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageNameExpressionThatIsNotJavaScript_IsRefused()
    {
        var error = SingleError(WithStart("""<bpmn:messageEventDefinition messageRef="Broken" />"""), DiagnosticCodes.InvalidExpression);

        Assert.Equal("NStart", error.ElementId);
        Assert.Contains("withdraw-${caseId +}", error.Message, StringComparison.Ordinal);
    }
}
