using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class DocumentParsingTests
{
    [Fact]
    public void Parse_CamundaModelerFileWithFullDiagram_ParsesProcess()
    {
        var document = Valid(Fixture("documents", "plan-approval-modeler.bpmn"));

        var process = Assert.Single(document.Processes);
        Assert.Equal("plan-approval", process.Id);
        Assert.Equal("Mid-term plan approval", process.Name);
        Assert.Equal("StartEvent_1", process.StartEventId);
        Assert.Equal(9, process.Nodes.Count);
        Assert.Equal(7, process.Flows.Count);
        var review = (UserTask)process.Node("Task_Review");
        Assert.Equal("secretariat", review.CandidateGroups!.Text);
        Assert.Equal("P2D", review.Properties["reminder"]);
        Assert.Equal(["Event_Deadline"], review.BoundaryEventIds);
        Assert.Equal(new SourcePosition(14, 5), review.Position);
        Assert.Equal("Flow_Reject", ((ExclusiveGateway)process.Node("Gateway_Decision")).DefaultFlow);
    }

    [Fact]
    public void Parse_CollaborationWithTwoPools_ParsesBothProcessesAndMessages()
    {
        var document = Valid(Fixture("collaboration", "two-pools.bpmn"));

        Assert.Equal(["council", "office"], document.Processes.Select(p => p.Id));
        Assert.Equal("draft-sent", document.Messages["Message_Draft"]);
        Assert.Equal("draft-sent", ((ReceiveTask)document.Process("office").Node("Task_Receive")).MessageName);
        Assert.Equal("send-draft", ((ServiceTask)document.Process("council").Node("Task_Send")).Topic);
    }

    [Fact]
    public void Parse_Errors_KeepsCodesById()
    {
        var document = Valid(Around("""<bpmn:task id="X" />""", declarations: """
            <bpmn:error id="Error_1" errorCode="E1" />
            <bpmn:error id="Error_2" />
            """));

        Assert.Equal("E1", document.Errors["Error_1"]);
        Assert.Null(document.Errors["Error_2"]);
    }

    [Fact]
    public void Parse_Stream_ParsesSameAsString()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Fixture("documents", "plan-approval-modeler.bpmn")));

        var result = new BpmnParser().Parse(stream);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("plan-approval", result.Document!.Processes[0].Id);
    }

    [Fact]
    public void Parse_NoProcess_ReportsNoProcess()
    {
        SingleError(Definitions("""<bpmn:message id="M" name="m" />"""), DiagnosticCodes.NoProcess);
    }

    [Fact]
    public void Parse_RootIsNotDefinitions_ReportsNotBpmn()
    {
        var error = SingleError("""<definitions xmlns="http://example.com/other"><process id="P" /></definitions>""", DiagnosticCodes.NotBpmn);

        Assert.Equal(1, error.Line);
    }
}
