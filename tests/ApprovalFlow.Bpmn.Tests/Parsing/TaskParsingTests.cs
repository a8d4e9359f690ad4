using ApprovalFlow.Bpmn.Model;
using static ApprovalFlow.Bpmn.Tests.BpmnXml;

namespace ApprovalFlow.Bpmn.Tests.Parsing;

public class TaskParsingTests
{
    [Fact]
    public void Parse_UserTask_ReadsCamundaAttributes()
    {
        var task = Node<UserTask>(Around("""
            <bpmn:userTask id="X" name="Review plan" camunda:assignee="${initiator}" camunda:candidateUsers="ali,sara"
              camunda:candidateGroups="wg-${workingGroup.id}-chair" camunda:dueDate="${dueDate}" camunda:followUpDate="2026-03-21T09:00:00Z"
              camunda:priority="70" camunda:formKey="forms/review.form" />
            """));

        Assert.Equal("Review plan", task.Name);
        Assert.Equal("initiator", task.Assignee!.Script);
        Assert.Equal("ali,sara", task.CandidateUsers!.Text);
        Assert.True(task.CandidateUsers.IsLiteral);
        Assert.Equal("wg-${workingGroup.id}-chair", task.CandidateGroups!.Text);
        Assert.Equal("`wg-${workingGroup.id}-chair`", task.CandidateGroups.Script);
        Assert.Equal("dueDate", task.DueDate!.Script);
        Assert.Equal("2026-03-21T09:00:00Z", task.FollowUpDate!.Text);
        Assert.Equal("70", task.Priority!.Text);
        Assert.Equal("forms/review.form", task.FormKey);
    }

    [Theory]
    [InlineData("serviceTask")]
    [InlineData("sendTask")]
    public void Parse_ExternalServiceOrSendTask_ReadsTopicAndRetryAttribute(string kind)
    {
        var task = Node<ServiceTask>(Around($"""<bpmn:{kind} id="X" camunda:type="external" camunda:topic="send-mail" camunda:failedJobRetryTimeCycle="R3/PT1M" />"""));

        Assert.Equal(kind, task.Kind);
        Assert.Equal(kind, task.ElementType);
        Assert.Equal("send-mail", task.Topic);
        Assert.Equal("R3/PT1M", task.RetryTimeCycle);
    }

    [Fact]
    public void Parse_ServiceTaskWithRetryCycleElement_ReadsElementText()
    {
        var task = Node<ServiceTask>(Around("""
            <bpmn:serviceTask id="X" camunda:type="external" camunda:topic="archive">
              <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R5/PT10M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
            </bpmn:serviceTask>
            """));

        Assert.Equal("R5/PT10M", task.RetryTimeCycle);
    }

    [Fact]
    public void Parse_ScriptTask_ReadsFormatBodyAndResultVariable()
    {
        var task = Node<ScriptTask>(Around("""
            <bpmn:scriptTask id="X" scriptFormat="JavaScript" camunda:resultVariable="total">
              <bpmn:script>var sum = a + b; sum;</bpmn:script>
            </bpmn:scriptTask>
            """));

        Assert.Equal("JavaScript", task.ScriptFormat);
        Assert.Equal("var sum = a + b; sum;", task.Script);
        Assert.Equal("total", task.ResultVariable);
    }

    [Fact]
    public void Parse_ReceiveTask_ResolvesMessageName()
    {
        var task = Node<ReceiveTask>(Around(
            """<bpmn:receiveTask id="X" messageRef="Message_1" />""",
            declarations: """<bpmn:message id="Message_1" name="plan-approved" />"""));

        Assert.Equal("Message_1", task.MessageRef);
        Assert.Equal("plan-approved", task.MessageName);
    }

    [Theory]
    [InlineData("task")]
    [InlineData("manualTask")]
    public void Parse_PlainOrManualTask_IsPassThrough(string kind)
    {
        var task = Node<PassThroughTask>(Around($"""<bpmn:{kind} id="X" />"""));

        Assert.Equal(kind, task.Kind);
    }

    [Fact]
    public void Parse_TaskWithCamundaProperties_ReadsThemLastWins()
    {
        var task = Node<PassThroughTask>(Around("""
            <bpmn:task id="X">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="sla" value="P2D" />
                  <camunda:property name="category" value="review" />
                  <camunda:property name="sla" value="P3D" />
                </camunda:properties>
                <vendor:anything xmlns:vendor="http://example.com/vendor" />
              </bpmn:extensionElements>
            </bpmn:task>
            """));

        Assert.Equal(2, task.Properties.Count);
        Assert.Equal("P3D", task.Properties["sla"]);
        Assert.Equal("review", task.Properties["category"]);
    }

    [Fact]
    public void Parse_Task_FillsIncomingOutgoingAndPosition()
    {
        var xml = Around("""<bpmn:task id="X" />""");
        var process = Valid(xml).Processes[0];
        var task = process.Node("X");

        Assert.Equal(["F1"], task.Incoming);
        Assert.Equal(["F2"], task.Outgoing);
        Assert.Equal(LineOf(xml, "id=\"X\""), task.Position.Line);
        Assert.Equal(1, task.Position.Column); // the column of "<"
        Assert.Equal("P", task.ScopeId);
        Assert.Equal(LineOf(xml, "id=\"F2\""), process.Flow("F2").Position.Line);
    }
}
