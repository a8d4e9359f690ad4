using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Validation;

public class RefusalCascadeTests
{
    [Fact]
    public void Parse_RefusedBoundaryAndUnknownElement_AreEachReportedOnce()
    {
        var xml = Fixture("rejected", "cancel-boundary.bpmn");

        var errors = Parse(xml).Errors;

        Assert.All(errors, e => Assert.Equal(DiagnosticCodes.UnsupportedElement, e.Code));
        Assert.Equal(["Escalated", "Unknown_Step"], errors.Select(e => e.ElementId));
        Assert.Contains("cancelEventDefinition", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(xml, "id=\"Unknown_Step\""), errors[1].Line);
    }

    [Fact]
    public void Parse_FlowWithoutId_IsReportedOnceByItsEnds()
    {
        var xml = Fixture("rejected", "flow-without-id.bpmn");

        var error = SingleError(xml, DiagnosticCodes.MissingId);

        Assert.Null(error.ElementId);
        Assert.Equal(LineOf(xml, "sourceRef=\"Work\""), error.Line);
        Assert.StartsWith("sequenceFlow from 'Work' to 'Check' has no id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FlowWithoutIdAndAnotherError_NamesTheFlowByItsEnds()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" />
            <bpmn:endEvent id="E" />
            <bpmn:task id="T" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="E" />
            <bpmn:sequenceFlow sourceRef="E" targetRef="T" />
            """);

        var errors = Parse(xml).Errors;

        Assert.Equal([DiagnosticCodes.MissingId, DiagnosticCodes.InvalidFlow], errors.Select(e => e.Code));
        Assert.Equal("sequenceFlow from 'E' to 'T' leaves end event 'E'; end events have no outgoing flows.", errors[1].Message);
        Assert.Null(errors[1].ElementId);
    }

    [Fact]
    public void Parse_TwoFlowsWithDuplicateId_KeepTheSecondTargetReachable()
    {
        var xml = Process("""
            <bpmn:startEvent id="S" />
            <bpmn:parallelGateway id="G" />
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E1" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E2" />
            """);

        var error = SingleError(xml, DiagnosticCodes.DuplicateId);

        Assert.Equal("F2", error.ElementId);
    }
}
