using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class UnsupportedElementTests
{
    [Fact]
    public void Parse_ComplexGateway_IsRejectedWithIdLineAndReason()
    {
        var error = SingleError(Fixture("rejected", "complex-gateway.bpmn"), DiagnosticCodes.UnsupportedElement);

        Assert.Equal("Gateway_1", error.ElementId);
        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.StartsWith("complexGateway 'Gateway_1' is not supported: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CompensationHandler_IsRejected()
    {
        var xml = Around("""
            <bpmn:task id="X" />
            <bpmn:boundaryEvent id="B" attachedToRef="X"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:task id="Undo" isForCompensation="true" />
            <bpmn:association id="A" associationDirection="One" sourceRef="B" targetRef="Undo" />
            """);

        var errors = Parse(xml).Errors;

        Assert.All(errors, e => Assert.Equal(DiagnosticCodes.UnsupportedElement, e.Code));
        Assert.Equal(["B", "Undo"], errors.Select(e => e.ElementId));
    }

    [Theory]
    [InlineData("""<bpmn:businessRuleTask id="X" />""")]
    [InlineData("""<bpmn:transaction id="X"><bpmn:startEvent id="TS" /></bpmn:transaction>""")]
    [InlineData("""<bpmn:adHocSubProcess id="X" />""")]
    [InlineData("""<bpmn:task id="X"><bpmn:standardLoopCharacteristics /></bpmn:task>""")]
    [InlineData("""<bpmn:intermediateCatchEvent id="X"><bpmn:escalationEventDefinition /></bpmn:intermediateCatchEvent>""")]
    [InlineData("""<bpmn:intermediateThrowEvent id="X"><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>""")]
    [InlineData("""<bpmn:intermediateThrowEvent id="X"><bpmn:conditionalEventDefinition /></bpmn:intermediateThrowEvent>""")]
    [InlineData("""<bpmn:intermediateCatchEvent id="X"><bpmn:linkEventDefinition name="l" /></bpmn:intermediateCatchEvent>""")]
    [InlineData("""<bpmn:task id="X"><bpmn:extensionElements><camunda:executionListener class="a.B" event="start" /></bpmn:extensionElements></bpmn:task>""")]
    [InlineData("""<bpmn:task id="X"><bpmn:extensionElements><camunda:inputOutput /></bpmn:extensionElements></bpmn:task>""")]
    [InlineData("""<bpmn:unknownThing id="X" />""")]
    public void Parse_UnsupportedElement_IsRejectedWithItsId(string node)
    {
        var error = SingleError(Around(node), DiagnosticCodes.UnsupportedElement);

        Assert.Equal("X", error.ElementId);
        Assert.Contains("is not supported: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<bpmn:escalationEventDefinition />""")]
    public void Parse_StartEventWithDefinition_IsRejected(string definition)
    {
        var xml = Process($"""
            <bpmn:startEvent id="S">{definition}</bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="E" />
            """, """<bpmn:message id="M" name="m" />""");

        var error = SingleError(xml, DiagnosticCodes.UnsupportedElement);

        Assert.Equal("S", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"S\""), error.Line);
    }

    [Fact]
    public void Parse_MessageThrowEvent_IsRejected()
    {
        var error = SingleError(
            Around("""<bpmn:intermediateThrowEvent id="X"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateThrowEvent>""",
                declarations: """<bpmn:message id="M" name="m" />"""),
            DiagnosticCodes.UnsupportedElement);

        Assert.Contains("send task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeploymentBinding_IsRejected()
    {
        var error = SingleError(Around("""<bpmn:callActivity id="X" calledElement="child" camunda:calledElementBinding="deployment" />"""), DiagnosticCodes.UnsupportedAttribute);

        Assert.Equal("X", error.ElementId);
    }

    [Fact]
    public void Parse_PythonScript_IsRejected()
    {
        SingleError(Around("""<bpmn:scriptTask id="X" scriptFormat="python"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>"""), DiagnosticCodes.UnsupportedAttribute);
    }

    [Fact]
    public void Parse_IgnoredArtifactsAndForeignExtensions_AreAccepted()
    {
        Valid(Around("""
            <bpmn:task id="X">
              <bpmn:documentation>Why</bpmn:documentation>
              <bpmn:extensionElements><other:meta xmlns:other="http://example.com/other" level="3" /></bpmn:extensionElements>
            </bpmn:task>
            <bpmn:dataObject id="DataObject_1" />
            <bpmn:dataObjectReference id="DataRef_1" dataObjectRef="DataObject_1" />
            <bpmn:dataStoreReference id="Store_1" />
            <bpmn:textAnnotation id="Note_1"><bpmn:text>note</bpmn:text></bpmn:textAnnotation>
            <bpmn:group id="Group_1" />
            """));
    }
}
