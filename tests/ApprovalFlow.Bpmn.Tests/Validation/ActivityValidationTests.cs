using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class ActivityValidationTests
{
    [Fact]
    public void Parse_UserTaskWithoutAssignment_IsReported()
    {
        var xml = Around("""<bpmn:userTask id="X" camunda:formKey="f" />""");

        var error = SingleError(xml, DiagnosticCodes.MissingAssignment);

        Assert.Equal(("X", LineOf(xml, "userTask")), (error.ElementId, error.Line));
    }

    [Theory]
    [InlineData("""<bpmn:serviceTask id="X" camunda:class="org.Example" />""")]
    [InlineData("""<bpmn:serviceTask id="X" camunda:type="external" />""")]
    [InlineData("""<bpmn:sendTask id="X" camunda:topic="t" />""")]
    public void Parse_ServiceTaskThatIsNotExternalWithTopic_IsReported(string node)
    {
        Assert.Equal("X", SingleError(Around(node), DiagnosticCodes.MissingTopic).ElementId);
    }

    [Fact]
    public void Parse_CallActivityWithoutCalledElement_IsReported()
    {
        Assert.Equal("X", SingleError(Around("""<bpmn:callActivity id="X" />"""), DiagnosticCodes.MissingCalledElement).ElementId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("camunda:calledElementVersion=\"latest\"")]
    [InlineData("camunda:calledElementVersion=\"0\"")]
    public void Parse_VersionBindingWithoutValidVersion_IsReported(string version)
    {
        SingleError(Around($"""<bpmn:callActivity id="X" calledElement="c" camunda:calledElementBinding="version" {version} />"""), DiagnosticCodes.InvalidCalledElementVersion);
    }

    [Fact]
    public void Parse_MappingWithoutTarget_IsReported()
    {
        SingleError(Around("""
            <bpmn:callActivity id="X" calledElement="c"><bpmn:extensionElements><camunda:out source="a" /></bpmn:extensionElements></bpmn:callActivity>
            """), DiagnosticCodes.InvalidMapping);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""camunda:collection="items"><bpmn:loopCardinality>3</bpmn:loopCardinality""")]
    [InlineData("""><bpmn:loopCardinality>three</bpmn:loopCardinality""")]
    public void Parse_InvalidMultiInstance_IsReported(string loop)
    {
        var body = loop.Length == 0 ? "/>" : $"{loop}></bpmn:multiInstanceLoopCharacteristics>";
        var xml = Around($"""<bpmn:task id="X"><bpmn:multiInstanceLoopCharacteristics {body}</bpmn:task>""");

        Assert.Equal("X", SingleError(xml, DiagnosticCodes.InvalidMultiInstance).ElementId);
    }

    [Fact]
    public void Parse_NonInterruptingErrorBoundary_IsReported()
    {
        var error = SingleError(Around("""
            <bpmn:task id="X" />
            <bpmn:boundaryEvent id="B" attachedToRef="X" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            """, extra: """<bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="E" />"""), DiagnosticCodes.InvalidBoundaryEvent);

        Assert.Equal("B", error.ElementId);
    }

    [Theory]
    [InlineData("Missing")]
    [InlineData("E")]
    public void Parse_BoundaryOnMissingOrNonActivity_IsReported(string attachedTo)
    {
        var error = SingleError(Around($"""
            <bpmn:task id="X" />
            <bpmn:boundaryEvent id="B" attachedToRef="{attachedTo}"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            """), DiagnosticCodes.InvalidBoundaryEvent);

        Assert.Equal("B", error.ElementId);
    }

    [Fact]
    public void Parse_EventBasedGatewayToTask_IsReported()
    {
        var errors = Parse(Around("""<bpmn:eventBasedGateway id="X" />""")).Errors;

        Assert.Equal(2, errors.Count(e => e is { Code: DiagnosticCodes.InvalidEventBasedGateway, ElementId: "X" }));
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("""<bpmn:receiveTask id="X" messageRef="Nope" />""", DiagnosticCodes.UnknownMessage)]
    [InlineData("""<bpmn:intermediateCatchEvent id="X"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>""", DiagnosticCodes.UnknownMessage)]
    [InlineData("""<bpmn:task id="X" /><bpmn:boundaryEvent id="B" attachedToRef="X"><bpmn:errorEventDefinition errorRef="Nope" /></bpmn:boundaryEvent>""", DiagnosticCodes.UnknownError)]
    public void Parse_UnresolvedReference_IsReported(string node, string code)
    {
        SingleError(Around(node), code);
    }
}
