using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

/// <summary>
/// Message start events (BPMN 2.0.2 §10.5.2) as Camunda 7 deploys them: on the process level, next to at
/// most one none start event, one start event per message name; message end and throw events stay refused.
/// </summary>
public class MessageStartParsingTests
{
    private const string Messages = """
        <bpmn:message id="Req" name="permit-request" />
        <bpmn:message id="Other" name="permit-renewal" />
        """;

    [Fact]
    public void Parse_NoneAndMessageStarts_ReadsTheMessageAndKeepsTheNoneStartAsTheProcessStart()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:startEvent id="ByRequest"><bpmn:messageEventDefinition messageRef="Req" /></bpmn:startEvent>
            <bpmn:startEvent id="ByRenewal"><bpmn:messageEventDefinition messageRef="Other" /></bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="E" />
            <bpmn:sequenceFlow id="F2" sourceRef="ByRequest" targetRef="E" />
            <bpmn:sequenceFlow id="F3" sourceRef="ByRenewal" targetRef="E" />
            """, Messages)).Processes[0];

        Assert.Equal("S", process.StartEventId);
        Assert.Equal(["ByRequest", "ByRenewal"], process.MessageStartEventIds);
        var start = Assert.IsType<StartEvent>(process.Node("ByRequest"));
        Assert.Equal(new MessageEventDefinition("Req", "permit-request"), start.Message);
        Assert.Null(start.Signal);
    }

    [Fact]
    public void Parse_OnlyAMessageStart_IsValidWithoutANoneStart()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="ByRequest"><bpmn:messageEventDefinition messageRef="Req" /></bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F" sourceRef="ByRequest" targetRef="E" />
            """, Messages)).Processes[0];

        Assert.Equal(string.Empty, process.StartEventId);
        Assert.Equal(["ByRequest"], process.MessageStartEventIds);
    }

    [Fact]
    public void Parse_TwoMessageStartsWithTheSameMessage_AreRefusedNamingBoth()
    {
        var xml = Process("""
            <bpmn:startEvent id="First"><bpmn:messageEventDefinition messageRef="Req" /></bpmn:startEvent>
            <bpmn:startEvent id="Second"><bpmn:messageEventDefinition messageRef="Req" /></bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="First" targetRef="E" />
            <bpmn:sequenceFlow id="F2" sourceRef="Second" targetRef="E" />
            """, Messages);

        var error = SingleError(xml, DiagnosticCodes.StartEvent);

        Assert.Equal("Second", error.ElementId);
        Assert.Equal(LineOf(xml, "id=\"Second\""), error.Line);
        Assert.Contains("'permit-request'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'First'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MessageStartInASubprocess_IsRefused()
    {
        var error = SingleError(Around("""
            <bpmn:subProcess id="X">
              <bpmn:startEvent id="SubS" />
              <bpmn:startEvent id="SubM"><bpmn:messageEventDefinition messageRef="Req" /></bpmn:startEvent>
              <bpmn:endEvent id="SubE" />
              <bpmn:sequenceFlow id="SF1" sourceRef="SubS" targetRef="SubE" />
              <bpmn:sequenceFlow id="SF2" sourceRef="SubM" targetRef="SubE" />
            </bpmn:subProcess>
            """, declarations: Messages), DiagnosticCodes.StartEvent);

        Assert.Equal("SubM", error.ElementId);
        Assert.Contains("process level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MessageStartWithAnUndeclaredMessage_IsRefused()
    {
        var error = SingleError(Process("""
            <bpmn:startEvent id="ByRequest"><bpmn:messageEventDefinition messageRef="Nowhere" /></bpmn:startEvent>
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F" sourceRef="ByRequest" targetRef="E" />
            """), DiagnosticCodes.UnknownMessage);

        Assert.Equal("ByRequest", error.ElementId);
    }

    [Fact]
    public void Parse_MessageEndEvent_StaysRefusedPointingToSendTasks()
    {
        var error = SingleError(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:endEvent id="X"><bpmn:messageEventDefinition messageRef="Req" /></bpmn:endEvent>
            <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="X" />
            """, Messages), DiagnosticCodes.UnsupportedElement);

        Assert.Equal("X", error.ElementId);
        Assert.Contains("send task", error.Message, StringComparison.Ordinal);
    }
}
