using ApprovalFlow.Bpmn.Model;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class GatewayParsingTests
{
    [Theory]
    [InlineData("exclusiveGateway")]
    [InlineData("inclusiveGateway")]
    public void Parse_ConditionalGateway_ReadsDefaultAndConditions(string kind)
    {
        var process = Valid(Process($$"""
            <bpmn:startEvent id="S" />
            <bpmn:{{kind}} id="G" default="F3" />
            <bpmn:endEvent id="E1" />
            <bpmn:endEvent id="E2" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E1">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision == 'approve'}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E2" />
            """)).Processes[0];

        var gateway = process.Node("G");
        var defaultFlow = gateway is ExclusiveGateway x ? x.DefaultFlow : ((InclusiveGateway)gateway).DefaultFlow;
        Assert.Equal("F3", defaultFlow);
        Assert.Equal(kind, gateway.ElementType);
        Assert.Equal(["F2", "F3"], gateway.Outgoing);
        Assert.Equal("decision == 'approve'", process.Flow("F2").Condition!.Script);
        Assert.Null(process.Flow("F3").Condition);
    }

    [Fact]
    public void Parse_ParallelForkAndJoin_LinksFlows()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:task id="A" />
            <bpmn:task id="B" />
            <bpmn:parallelGateway id="Join" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Fork" />
            <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="A" />
            <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="B" />
            <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="Join" />
            <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="Join" />
            <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="E" />
            """)).Processes[0];

        Assert.IsType<ParallelGateway>(process.Node("Fork"));
        Assert.Equal(["F2", "F3"], process.Node("Fork").Outgoing);
        Assert.Equal(["F4", "F5"], process.Node("Join").Incoming);
    }

    [Fact]
    public void Parse_EventBasedGateway_ReadsTargets()
    {
        var process = Valid(Process("""
            <bpmn:startEvent id="S" />
            <bpmn:eventBasedGateway id="G" />
            <bpmn:intermediateCatchEvent id="T"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:receiveTask id="R" messageRef="M" />
            <bpmn:endEvent id="E" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
            <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="T" />
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="R" />
            <bpmn:sequenceFlow id="F4" sourceRef="T" targetRef="E" />
            <bpmn:sequenceFlow id="F5" sourceRef="R" targetRef="E" />
            """, """<bpmn:message id="M" name="reply" />""")).Processes[0];

        Assert.IsType<EventBasedGateway>(process.Node("G"));
        Assert.Equal(["F2", "F3"], process.Node("G").Outgoing);
    }
}
