using ApprovalFlow.Bpmn.Model;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class ActivityStructureParsingTests
{
    [Fact]
    public void Parse_NestedSubProcesses_SetScopeIdsAndChildren()
    {
        var process = Valid(Around("""
            <bpmn:subProcess id="X">
              <bpmn:startEvent id="S1" />
              <bpmn:subProcess id="Inner">
                <bpmn:startEvent id="S2" />
                <bpmn:task id="T2" />
                <bpmn:sequenceFlow id="G1" sourceRef="S2" targetRef="T2" />
              </bpmn:subProcess>
              <bpmn:endEvent id="E1" />
              <bpmn:sequenceFlow id="H1" sourceRef="S1" targetRef="Inner" />
              <bpmn:sequenceFlow id="H2" sourceRef="Inner" targetRef="E1" />
            </bpmn:subProcess>
            """)).Processes[0];

        Assert.Equal(["S", "X", "E"], process.ChildNodeIds);
        Assert.Equal("S", process.StartEventId);
        var outer = Assert.IsType<SubProcess>(process.Node("X"));
        Assert.Equal(["S1", "Inner", "E1"], outer.ChildNodeIds);
        Assert.Equal("S1", outer.StartEventId);
        Assert.Equal("P", outer.ScopeId);
        Assert.Equal("X", process.Node("Inner").ScopeId);
        Assert.Equal("Inner", process.Node("T2").ScopeId);
        Assert.Equal("S2", ((SubProcess)process.Node("Inner")).StartEventId);
        Assert.Equal(["G1"], process.Node("T2").Incoming);
        Assert.Equal(5, process.Flows.Count);
    }

    [Fact]
    public void Parse_MultiInstanceWithCollection_ReadsCamundaAttributes()
    {
        var task = Node<UserTask>(Around("""
            <bpmn:userTask id="X" camunda:assignee="${chair}">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${workingGroups}" camunda:elementVariable="workingGroup">
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances >= 3}</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """));

        var mi = task.MultiInstance!;
        Assert.True(mi.IsSequential);
        Assert.Equal("workingGroups", mi.Collection!.Script);
        Assert.Equal("workingGroup", mi.ElementVariable);
        Assert.Equal("nrOfCompletedInstances >= 3", mi.CompletionCondition!.Script);
        Assert.Null(mi.LoopCardinality);
    }

    [Fact]
    public void Parse_MultiInstanceWithCardinality_IsParallelByDefault()
    {
        var task = Node<PassThroughTask>(Around("""
            <bpmn:task id="X"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>
            """));

        Assert.False(task.MultiInstance!.IsSequential);
        Assert.Equal("3", task.MultiInstance.LoopCardinality!.Text);
    }

    [Fact]
    public void Parse_CallActivity_ReadsBindingMappingsAndBusinessKey()
    {
        var call = Node<CallActivity>(Around("""
            <bpmn:callActivity id="X" calledElement="working-group-review" camunda:calledElementBinding="version" camunda:calledElementVersion="4">
              <bpmn:extensionElements>
                <camunda:in businessKey="${execution.businessKey}-wg" />
                <camunda:in variables="all" />
                <camunda:in source="plan" target="planDraft" />
                <camunda:out sourceExpression="${verdict == 'ok'}" target="approved" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            """));

        Assert.Equal("working-group-review", call.CalledElement.Text);
        Assert.Equal(CalledElementBinding.Version, call.Binding);
        Assert.Equal(4, call.Version);
        Assert.Equal("`${execution.businessKey}-wg`", call.BusinessKey!.Script);
        Assert.Equal(2, call.In.Count);
        Assert.True(call.In[0].All);
        Assert.Equal(("plan", "planDraft"), (call.In[1].Source, call.In[1].Target));
        var output = Assert.Single(call.Out);
        Assert.Equal("verdict == 'ok'", output.SourceExpression!.Script);
        Assert.Equal("approved", output.Target);
    }

    [Fact]
    public void Parse_CallActivityWithoutBinding_IsLatest()
    {
        var call = Node<CallActivity>(Around("""<bpmn:callActivity id="X" calledElement="${childKey}" />"""));

        Assert.Equal(CalledElementBinding.Latest, call.Binding);
        Assert.Null(call.Version);
        Assert.Equal("childKey", call.CalledElement.Script);
    }
}
