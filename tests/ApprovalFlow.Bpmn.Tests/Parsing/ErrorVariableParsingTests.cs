using ApprovalFlow.Bpmn.Model;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary>
/// <c>camunda:errorCodeVariable</c> and <c>camunda:errorMessageVariable</c> on <c>errorEventDefinition</c>, and
/// <c>camunda:errorMessage</c> on <c>bpmn:error</c> (Camunda 7), are read into <see cref="ErrorEventDefinition"/>.
/// </summary>
public class ErrorVariableParsingTests
{
    private const string Declarations = """<bpmn:error id="Err" errorCode="E1" camunda:errorMessage="Went wrong" />""";

    [Fact]
    public void Parse_ErrorBoundaryAndEventSubprocessStart_ReadTheVariablesAndTheEndEventTheMessage()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubS" />
              <bpmn:sequenceFlow id="SF1" sourceRef="SubS" targetRef="Fail" />
              <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:endEvent>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="B" attachedToRef="Sub">
              <bpmn:errorEventDefinition errorRef="Err" camunda:errorCodeVariable="code" camunda:errorMessageVariable="message" />
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="E" />
            <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="E" />
            <bpmn:endEvent id="E" />
            <bpmn:subProcess id="N" triggeredByEvent="true">
              <bpmn:startEvent id="NStart"><bpmn:errorEventDefinition camunda:errorCodeVariable="anyCode" /></bpmn:startEvent>
              <bpmn:sequenceFlow id="NF" sourceRef="NStart" targetRef="NEnd" />
              <bpmn:endEvent id="NEnd" />
            </bpmn:subProcess>
            """, Declarations)).Processes[0];

        var boundary = Assert.IsType<ErrorEventDefinition>(((BoundaryEvent)process.Node("B")).Definition);
        Assert.Equal(("E1", "code", "message"), (boundary.ErrorCode, boundary.CodeVariable, boundary.MessageVariable));
        var start = Assert.IsType<ErrorEventDefinition>(((StartEvent)process.Node("NStart")).Trigger);
        Assert.Equal((null, "anyCode", null), (start.ErrorCode, start.CodeVariable, start.MessageVariable));
        Assert.Equal("Went wrong", ((EndEvent)process.Node("Fail")).Error!.ErrorMessage);
    }
}
