using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class StructureValidationTests
{
    [Fact]
    public void Parse_DuplicateId_IsReportedAtTheSecondElement()
    {
        var xml = Around("""<bpmn:task id="X" />""", extra: """<bpmn:task id="X" />""");

        var error = SingleError(xml, DiagnosticCodes.DuplicateId);

        Assert.Equal("X", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"F2\"") + 1, error.Line);
    }

    [Fact]
    public void Parse_UnreachableNode_IsReported()
    {
        var xml = Around("""<bpmn:task id="X" />""", extra: """
            <bpmn:task id="Orphan" />
            <bpmn:sequenceFlow id="F3" sourceRef="Orphan" targetRef="E" />
            """);

        var error = SingleError(xml, DiagnosticCodes.UnreachableNode);

        Assert.Equal("Orphan", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"Orphan\""), error.Line);
    }

    [Fact]
    public void Parse_NodesAfterBoundaryEvent_AreReachable()
    {
        Valid(Around("""
            <bpmn:task id="X" />
            <bpmn:boundaryEvent id="B" attachedToRef="X"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:task id="AfterTimeout" />
            """, extra: """
            <bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="AfterTimeout" />
            <bpmn:sequenceFlow id="F4" sourceRef="AfterTimeout" targetRef="E" />
            """));
    }

    [Fact]
    public void Parse_GatewayWithoutOutgoingFlows_IsReported()
    {
        var error = SingleError(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:parallelGateway id="G" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            """), DiagnosticCodes.GatewayWithoutOutgoing);

        Assert.Equal("G", error.ElementId);
    }

    [Fact]
    public void Parse_ActivityWithoutOutgoingFlow_IsAnImplicitEnd()
    {
        Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:task id="T" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
            """));
    }

    [Theory]
    [InlineData("exclusiveGateway")]
    [InlineData("inclusiveGateway")]
    public void Parse_GatewayFlowWithoutConditionOrDefault_IsReported(string kind)
    {
        var error = SingleError(Process($$"""
            <bpmn:startEvent id="S" />
            <bpmn:{{kind}} id="G" />
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E2" />
            """), DiagnosticCodes.MissingCondition);

        Assert.Equal("G", error.ElementId);
        Assert.Contains("'F3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultFlowNotOutgoing_IsReported()
    {
        var error = SingleError(Around("""<bpmn:exclusiveGateway id="X" default="F1" />"""), DiagnosticCodes.InvalidDefault);

        Assert.Equal("X", error.ElementId);
    }

    [Fact]
    public void Parse_ProcessWithoutStartEvent_IsReported()
    {
        var error = SingleError(Process("""<bpmn:endEvent id="E" />"""), DiagnosticCodes.StartEvent);

        Assert.Equal("P", error.ElementId);
    }

    [Fact]
    public void Parse_SubProcessWithTwoStartEvents_IsReported()
    {
        var error = SingleError(Around("""
            <bpmn:subProcess id="X">
              <bpmn:startEvent id="S1" />
              <bpmn:startEvent id="S2" />
            </bpmn:subProcess>
            """), DiagnosticCodes.StartEvent);

        Assert.Equal("X", error.ElementId);
    }

    [Theory]
    [InlineData("""<bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="Nowhere" />""")]
    [InlineData("""<bpmn:sequenceFlow id="F3" sourceRef="E" targetRef="X" />""")]
    [InlineData("""<bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="S" />""")]
    [InlineData("""<bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="E"><bpmn:conditionExpression>${a}</bpmn:conditionExpression></bpmn:sequenceFlow>""")]
    public void Parse_IllegalSequenceFlow_IsReported(string flow)
    {
        var error = SingleError(Around("""<bpmn:task id="X" />""", extra: flow), DiagnosticCodes.InvalidFlow);

        Assert.Equal("F3", error.ElementId);
    }

    [Fact]
    public void Parse_FlowIntoSubProcess_CrossesScopesAndIsReported()
    {
        var errors = Parse(Around("""
            <bpmn:subProcess id="X">
              <bpmn:startEvent id="S1" />
              <bpmn:task id="Inner" />
              <bpmn:sequenceFlow id="G1" sourceRef="S1" targetRef="Inner" />
            </bpmn:subProcess>
            """, extra: """<bpmn:sequenceFlow id="F3" sourceRef="S" targetRef="Inner" />""")).Errors;

        Assert.Contains(errors, e => e is { Code: DiagnosticCodes.InvalidFlow, ElementId: "F3" });
    }

    [Fact]
    public void Parse_FileWithSeveralErrors_ReportsAllInLineOrder()
    {
        var result = Parse(Fixture("invalid", "several-errors.bpmn"));

        Assert.Null(result.Document);
        Assert.Equal(
            [
                ("Task_Nobody", 5, DiagnosticCodes.MissingAssignment),
                ("Gateway_1", 6, DiagnosticCodes.MissingCondition),
                ("Task_Orphan", 9, DiagnosticCodes.UnreachableNode),
                ("Timer_Bad", 10, DiagnosticCodes.InvalidTimer),
                ("F1", 18, DiagnosticCodes.DuplicateId),
            ],
            result.Errors.Select(e => (e.ElementId, e.Line, e.Code)));
        Assert.All(result.Errors, e => Assert.Equal(5, e.Column));
    }
}
